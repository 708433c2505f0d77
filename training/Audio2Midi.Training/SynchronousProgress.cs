namespace Audio2Midi.Training;

/// <summary>Reports on the calling thread (Progress&lt;T&gt; posts to the thread pool, so bars and lines arrive late or out of order).</summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
