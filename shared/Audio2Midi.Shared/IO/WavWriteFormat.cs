using NAudio.Wave;

namespace Audio2Midi.IO;

/// <summary>The NAudio format a <see cref="WavWriter"/> declares for one of our sample formats.</summary>
internal static class WavWriteFormat
{
    public static WaveFormat For(int sampleRate, int channels, WavSampleFormat format)
    {
        int bits = format.BitsPerSample();
        bool isFloat = format.IsFloat();
        // The spec asks for WAVE_FORMAT_EXTENSIBLE when there are more than 2 channels or PCM deeper than
        // 16 bits (plain WAVE_FORMAT_PCM stops at 16). Plain IEEE float (tag 3) is defined for 32 and 64
        // bits and is what most tools expect for mono/stereo float, so it stays plain.
        if (channels > 2 || (!isFloat && bits > 16))
        {
            Guid sub = isFloat ? AudioMediaSubtypes.MEDIASUBTYPE_IEEE_FLOAT : AudioMediaSubtypes.MEDIASUBTYPE_PCM;
            return new WaveFormatExtensible(sampleRate, bits, channels, sub, bits, (int)WavConstants.DefaultChannelMask(channels));
        }
        return WavFormatCheck.Plain(format, sampleRate, channels);
    }
}
