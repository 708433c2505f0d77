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
    public static void Write(IRenderable renderable) =>
        AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) }).Write(renderable);
}
