using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Audio2Midi.IO;

/// <summary>
/// Runs <c>ffmpeg</c> to turn any format it knows into a float WAV stream on stdout, so that the
/// WAV parser handles everything and no codec lives in this library.
/// </summary>
internal sealed class FfmpegDecoder : IDisposable
{
    private const int MaxErrorChars = 4000;

    private readonly Process _process;
    private readonly string _path;
    private readonly StringBuilder _errors = new();

    private FfmpegDecoder(Process process, string path)
    {
        _process = process;
        _path = path;
    }

    /// <summary>ffmpeg's stdout: a WAV header whose sizes are unknown, then float32 samples.</summary>
    public Stream Output => _process.StandardOutput.BaseStream;

    /// <summary>The ffmpeg executable on PATH, or null when it is not installed.</summary>
    public static string? FindOnPath()
    {
        string? pathVariable = Environment.GetEnvironmentVariable("PATH");
        if (string.IsNullOrEmpty(pathVariable))
            return null;
        string exe = OperatingSystem.IsWindows() ? "ffmpeg.exe" : "ffmpeg";
        foreach (string directory in pathVariable.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(directory.Trim('"'), exe);
            if (File.Exists(candidate))
                return candidate;
        }
        return null;
    }

    public static FfmpegDecoder Start(string ffmpeg, string path)
    {
        var info = new ProcessStartInfo(ffmpeg)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        // WAV rather than raw f32le: its header tells us channels and rate without a separate ffprobe.
        foreach (string arg in (string[])["-v", "error", "-nostdin", "-i", path, "-vn", "-f", "wav", "-acodec", "pcm_f32le", "-"])
            info.ArgumentList.Add(arg);

        var process = new Process { StartInfo = info };
        var decoder = new FfmpegDecoder(process, path);
        // Drain stderr as it comes: a full stderr pipe would block ffmpeg and with it our reads.
        process.ErrorDataReceived += decoder.OnErrorData;
        try
        {
            process.Start();
        }
        catch (Exception e) when (e is Win32Exception or InvalidOperationException)
        {
            process.Dispose();
            throw new AudioFileException(path, $"could not start ffmpeg ({ffmpeg}): {e.Message}", e);
        }
        process.BeginErrorReadLine();
        return decoder;
    }

    /// <summary>
    /// Called once the output has ended (or could not be parsed): if ffmpeg failed, throws with its own
    /// explanation, which says far more than "the stream ended early".
    /// </summary>
    /// <param name="exitWait">
    /// How long to wait for ffmpeg to exit; when it is still running after that, it has not failed (yet)
    /// and this returns, except after the end of its output, where it should have exited.
    /// </param>
    public void ThrowIfFailed(TimeSpan exitWait, bool outputEnded)
    {
        if (!_process.WaitForExit(exitWait))
        {
            if (outputEnded)
                throw new AudioFileException(_path, "ffmpeg did not exit after its output ended");
            return;
        }
        _process.WaitForExit();   // flushes the asynchronous stderr reader
        if (_process.ExitCode != 0)
            throw new AudioFileException(_path, $"ffmpeg could not decode the file (exit code {_process.ExitCode}): {ErrorText()}");
    }

    private string ErrorText()
    {
        lock (_errors)
            return _errors.Length == 0 ? "no message" : _errors.ToString().Trim();
    }

    private void OnErrorData(object sender, DataReceivedEventArgs e)
    {
        if (e.Data is null)
            return;
        lock (_errors)
        {
            if (_errors.Length < MaxErrorChars)
                _errors.AppendLine(e.Data);
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
                _process.Kill();   // the caller stopped reading early; do not leave ffmpeg blocked on a pipe
        }
        catch (Exception e) when (e is InvalidOperationException or Win32Exception or NotSupportedException)
        {
            // Already gone.
        }
        _process.Dispose();
    }
}
