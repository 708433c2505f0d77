using Spectre.Console;
using Spectre.Console.Rendering;

namespace Audio2Midi.Training.Commands;

/// <summary>
/// Tables and other Spectre output for standard output as it is now. AnsiConsole binds to the
/// writer that was current when it was first used; a pipe or an in-process test that has swapped
/// <see cref="Console.Out"/> since then must still get the output.
/// </summary>
public static class StandardOutput
{
    /// <summary>Width for output that is not a terminal (a pipe, a file, a test): wide enough that no name is cut.</summary>
    public const int UnboundedWidth = 4096;

    public static void Write(IRenderable renderable)
    {
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        // Spectre assumes 80 columns without a terminal and wraps or cuts cells to fit; a pipe has no width.
        if (Console.IsOutputRedirected || !ReferenceEquals(Console.Out, s_terminal)) console.Profile.Width = UnboundedWidth;
        console.Write(renderable);
    }

    private static readonly TextWriter s_terminal = Console.Out;
}
