<#
.SYNOPSIS
  Audio2Midi on Windows: a thin wrapper over the same dotnet commands README.md gives for Linux.
.EXAMPLE
  .\build.ps1 transcribe my-singing.wav --live      # build, then write my-singing.mid
  .\build.ps1 test                                  # restore, build and run the tests
  .\build.ps1 bench                                 # BenchmarkDotNet: engine real-time factor
  .\build.ps1 plugin                                # VST3 bundle in artifacts\Audio2Midi.vst3, installed into %LOCALAPPDATA%\Programs\Common\VST3
  .\build.ps1 plugin -p:InstallVst3=false           # the bundle only, not installed
  .\build.ps1 <any a2m command> [options]           # e.g. .\build.ps1 score ref.csv est.csv
#>
param(
    [Parameter(Position = 0)][string]$Command = "help",
    [Parameter(ValueFromRemainingArguments = $true)][string[]]$Rest
)
$ErrorActionPreference = "Stop"
Set-Location $PSScriptRoot

switch ($Command) {
    "test"  { dotnet test Audio2Midi.sln -c Release }
    "build" { dotnet build Audio2Midi.sln -c Release }
    "bench" { dotnet run -c Release --project tests/Audio2Midi.Benchmarks -- --filter '*' @Rest }
    "plugin" { dotnet publish plugin/Audio2Midi.Plugin -c Release -r win-x64 @Rest }
    "help"  { dotnet run -c Release --project training/Audio2Midi.Training -- --help }
    default { dotnet run -c Release --project training/Audio2Midi.Training -- $Command @Rest }
}
exit $LASTEXITCODE
