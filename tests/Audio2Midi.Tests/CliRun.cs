using Audio2Midi.Training;

namespace Audio2Midi.Tests;

/// <summary>
/// One in-process run of `a2m` through its real entry point, with what it printed. Swaps the
/// process-wide console writers, so tests that use it belong to the "Console" collection.
/// </summary>
public sealed record CliRun(int ExitCode, string Out, string Error)
{
    public static CliRun Of(params string[] args)
    {
        TextWriter oldOut = Console.Out, oldError = Console.Error;
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        try
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
            return new CliRun(Program.Main(args), stdout.ToString(), stderr.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldError);
        }
    }
}
