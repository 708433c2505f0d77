namespace Audio2Midi.Plugin.Interop;

/// <summary>Interface ids from the SDK headers' DECLARE_CLASS_IID lines, laid out for this OS.</summary>
internal static class Iids
{
    public static readonly Tuid FUnknown = Tuid.FromWords(0x00000000, 0x00000000, 0xC0000000, 0x00000046);
    public static readonly Tuid IPluginBase = Tuid.FromWords(0x22888DDB, 0x156E45AE, 0x8358B348, 0x08190625);
    public static readonly Tuid IPluginFactory = Tuid.FromWords(0x7A4D811C, 0x52114A1F, 0xAED9D2EE, 0x0B43BF9F);
    public static readonly Tuid IPluginFactory2 = Tuid.FromWords(0x0007B650, 0xF24B4C0B, 0xA464EDB9, 0xF00B2ABB);
    public static readonly Tuid IPluginFactory3 = Tuid.FromWords(0x4555A2AB, 0xC1234E57, 0x9B122910, 0x36878931);
    public static readonly Tuid IBStream = Tuid.FromWords(0xC3BF6EA2, 0x30994752, 0x9B6BF990, 0x1EE33E9B);
    public static readonly Tuid IComponent = Tuid.FromWords(0xE831FF31, 0xF2D54301, 0x928EBBEE, 0x25697802);
    public static readonly Tuid IAudioProcessor = Tuid.FromWords(0x42043F99, 0xB7DA453C, 0xA569E79D, 0x9AAEC33D);
    public static readonly Tuid IProcessContextRequirements = Tuid.FromWords(0x2A654303, 0xEF764E3D, 0x95B5FE83, 0x730EF6D0);
    public static readonly Tuid IEditController = Tuid.FromWords(0xDCD7BBE3, 0x7742448D, 0xA874AACC, 0x979C759E);
    public static readonly Tuid IUnitHandler = Tuid.FromWords(0x4B5147F8, 0x4654486B, 0x8DAB30BA, 0x163A3C56);
    public static readonly Tuid IComponentHandler = Tuid.FromWords(0x93A0BEA3, 0x0BD045DB, 0x8E890B0C, 0xC1E46AC6);
    public static readonly Tuid IEventList = Tuid.FromWords(0x3A2C4214, 0x346349FE, 0xB2C4F397, 0xB9695A44);
    public static readonly Tuid IUnitInfo = Tuid.FromWords(0x3D4BD6B5, 0x913A4FD2, 0xA886E768, 0xA5EB92C1);
    public static readonly Tuid IParamValueQueue = Tuid.FromWords(0x01263A18, 0xED074F6F, 0x98C9D356, 0x4686F9BA);
    public static readonly Tuid IParameterChanges = Tuid.FromWords(0xA4779663, 0x0BB64A56, 0xB44384A8, 0x466FEB9D);
    public static readonly Tuid IConnectionPoint = Tuid.FromWords(0x70A4156F, 0x6E6E4026, 0x989148BF, 0xAA60D8D1);
    public static readonly Tuid IMessage = Tuid.FromWords(0x936F033B, 0xC6C047DB, 0xBB0882F8, 0x13C1E613);
    public static readonly Tuid IAttributeList = Tuid.FromWords(0x1E5F0AEB, 0xCC7F4533, 0xA2544011, 0x38AD5EE4);
    public static readonly Tuid IHostApplication = Tuid.FromWords(0x58E595CC, 0xDB2D4969, 0x8B6AAF8C, 0x36A664E5);
    public static readonly Tuid IRunLoop = Tuid.FromWords(0x18C35366, 0x97764F1A, 0x9C5B8385, 0x7A871389);   // Steinberg::Linux
    public static readonly Tuid IPlugViewContentScaleSupport = Tuid.FromWords(0x65ED9690, 0x8AC44525, 0x8AADEF7A, 0x72EA703F);
    public static readonly Tuid IPlugView = Tuid.FromWords(0x5BC32507, 0xD06049EA, 0xA6151B52, 0x2B755B29);
    public static readonly Tuid IEventHandler = Tuid.FromWords(0x561E65C9, 0x13A0496F, 0x813A2C35, 0x654D7983);   // Steinberg::Linux
    public static readonly Tuid ITimerHandler = Tuid.FromWords(0x10BDD94F, 0x41424774, 0x821FAD8F, 0xECA72CA9);   // Steinberg::Linux
}
