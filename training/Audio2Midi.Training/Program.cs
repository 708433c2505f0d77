using System.CommandLine;
using Audio2Midi.Training.Commands;

namespace Audio2Midi.Training;

/// <summary>Entry point of `a2m`: each sub-command lives in its own file under Commands/.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var root = new RootCommand("a2m: Audio2Midi command-line tools (singing to MIDI, datasets, training).");
        root.Subcommands.Add(TranscribeCommand.Create());
        root.Subcommands.Add(ScoreCommand.Create());
        root.Subcommands.Add(EvaluateCommand.Create());
        root.Subcommands.Add(PitchCommand.Create());
        root.Subcommands.Add(SynthCommand.Create());
        root.Subcommands.Add(DatasetCommand.Create());
        root.Subcommands.Add(PlotCommand.Create());
        root.Subcommands.Add(TrainCommand.Create());
        root.Subcommands.Add(TrainF0Command.Create());
        root.Subcommands.Add(EnsembleF0Command.Create());
        root.Subcommands.Add(ExportCommand.Create());
        root.Subcommands.Add(ReportCommand.Create());
        root.Subcommands.Add(TuneCommand.Create());
        root.Subcommands.Add(FitDecoderCommand.Create());
        root.Subcommands.Add(PresetsCommand.Create());
        return root.Parse(args).Invoke();
    }
}
