using Audio2Midi.Plugin.Interop;
using Audio2Midi.Plugin.Tests.Host;

namespace Audio2Midi.Plugin.Tests;

/// <summary>The module as a DAW scans it: exports, factory, class infos, queryInterface and reference counts.</summary>
[Collection(PluginCollection.Name)]
public sealed unsafe class FactoryTests
{
    private readonly NativeModule _m = NativeModule.Instance;

    [Fact]
    public void BundleHasTheVst3Layout()
    {
        string bundle = BundleFixture.BundlePath;
        Assert.True(Directory.Exists(Path.Combine(bundle, "Contents", "Resources")));
        Assert.True(File.Exists(BundleFixture.BinaryPath));
        Assert.EndsWith(OperatingSystem.IsWindows() ? Path.Combine("x86_64-win", "Audio2Midi.vst3") : Path.Combine("x86_64-linux", "Audio2Midi.so"), BundleFixture.BinaryPath);
        // ONNX Runtime of this OS only, beside the binary; the shipped presets in Resources/presets.
        string arch = Path.GetDirectoryName(BundleFixture.BinaryPath)!;
        string[] runtimes = Directory.EnumerateFiles(bundle, "*onnxruntime*", SearchOption.AllDirectories).ToArray();
        Assert.Equal([Path.Combine(arch, OperatingSystem.IsWindows() ? "onnxruntime.dll" : "libonnxruntime.so")], runtimes);
        string presets = Path.Combine(bundle, "Contents", "Resources", "presets");
        Assert.NotEmpty(Directory.GetFiles(presets, "*.onnx"));
        Assert.Equal(Directory.GetFiles(presets, "*.onnx").Length, Directory.GetFiles(presets, "*.json").Length);
    }

    /// <summary>
    /// The file tools use NAudio; the plugin reads no files, so NativeAOT must have compiled none of it in
    /// and the bundle must carry none of it: a host loading the plugin loads no NAudio.
    /// </summary>
    [Fact]
    public void BundleCarriesNoNAudio()
    {
        Assert.Empty(Directory.EnumerateFiles(BundleFixture.BundlePath, "*NAudio*", SearchOption.AllDirectories));
        byte[] binary = File.ReadAllBytes(BundleFixture.BinaryPath);
        Assert.True(binary.AsSpan().IndexOf("NAudio"u8) < 0, $"{BundleFixture.BinaryPath} contains NAudio code or metadata");
    }

    [Fact]
    public void FactoryListsProcessorAndController()
    {
        PFactoryInfo fi;
        Assert.Equal(Result.Ok, _m.GetFactoryInfo(&fi));
        Assert.Equal("Audio2Midi", Strings.ReadAscii(fi.Vendor, 64));
        Assert.Equal(Vst.FactoryUnicode, fi.Flags);
        Assert.Equal(2, _m.CountClasses());

        PClassInfo c0, c1;
        Assert.Equal(Result.Ok, _m.GetClassInfo(0, &c0));
        Assert.Equal(Result.Ok, _m.GetClassInfo(1, &c1));
        Assert.Equal("Audio Module Class", Strings.ReadAscii(c0.Category, 32));
        Assert.Equal("Audio2Midi", Strings.ReadAscii(c0.Name, 64));
        Assert.Equal("Component Controller Class", Strings.ReadAscii(c1.Category, 32));
        Assert.Equal(PluginInfo.ProcessorCid, c0.Cid);
        Assert.NotEqual(Result.Ok, _m.GetClassInfo(2, &c0));

        PClassInfo2 i2;
        Assert.Equal(Result.Ok, _m.GetClassInfo2(0, &i2));
        Assert.Equal("Fx|Analyzer", Strings.ReadAscii(i2.SubCategories, 128));
        Assert.StartsWith("VST 3", Strings.ReadAscii(i2.SdkVersion, 64));

        PClassInfoW w;
        Assert.Equal(Result.Ok, _m.GetClassInfoUnicode(0, &w));
        Assert.Equal("Audio2Midi", Strings.ReadUtf16(w.Name, 64));
        Assert.Equal("Fx|Analyzer", Strings.ReadAscii(w.SubCategories, 128));
    }

    [Fact]
    public void IidsAreLaidOutPerOs()
    {
        // IComponent's IID as the SDK's INLINE_UID writes it on Linux (big-endian words) and Windows (COM GUID).
        Tuid linux = Tuid.FromWords(0xE831FF31, 0xF2D54301, 0x928EBBEE, 0x25697802, comCompatible: false);
        Tuid windows = Tuid.FromWords(0xE831FF31, 0xF2D54301, 0x928EBBEE, 0x25697802, comCompatible: true);
        Assert.Equal("E831FF31F2D54301928EBBEE25697802", linux.ToString());
        Assert.Equal("31FF31E8D5F20143928EBBEE25697802", windows.ToString());
        Assert.Equal(OperatingSystem.IsWindows() ? windows : linux, Iids.IComponent);
    }

    [Fact]
    public void QueryInterfaceAndReferenceCountsFollowFUnknown()
    {
        void* component = _m.CreateInstance(PluginInfo.ProcessorCid, Iids.IComponent);
        Assert.True(component != null);
        void* processor = _m.QueryInterface(component, Iids.IAudioProcessor);
        Assert.True(processor != null);
        void* unknown = _m.QueryInterface(processor, Iids.FUnknown);
        Assert.True(unknown == component, "FUnknown from any interface is the same object identity");
        Assert.True(_m.QueryInterface(component, Iids.IProcessContextRequirements) != null);
        Assert.True(_m.QueryInterface(component, Iids.IConnectionPoint) != null);

        Tuid bogus = Tuid.FromWords(1, 2, 3, 4);
        void* none = (void*)1;
        int r = ((delegate* unmanaged<void*, Tuid*, void**, int>)NativeModule.Slot(component, 0))(component, &bogus, &none);
        Assert.Equal(Result.NoInterface, r);
        Assert.True(none == null);
        Assert.True(_m.QueryInterface(component, Iids.IEditController) == null);

        // 1 (create) + 4 successful queries so far.
        Assert.Equal(6u, NativeModule.AddRef(component));
        for (uint expected = 5; expected >= 1; expected--) Assert.Equal(expected, NativeModule.Release(processor));
        Assert.Equal(0u, NativeModule.Release(component));

        void* controller = _m.CreateInstance(PluginInfo.ControllerCid, Iids.IEditController);
        Assert.True(controller != null);
        Assert.True(_m.QueryInterface(controller, Iids.IUnitInfo) != null);
        Assert.Equal(1u, NativeModule.Release(controller));
        Assert.Equal(0u, NativeModule.Release(controller));

        Assert.True(_m.CreateInstance(Tuid.FromWords(9, 9, 9, 9), Iids.FUnknown) == null);
        Assert.True(_m.CreateInstance(PluginInfo.ProcessorCid, bogus) == null);
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PluginCollection
{
    public const string Name = "Native plugin";
}
