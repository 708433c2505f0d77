namespace Audio2Midi.Plugin.Interop;

/// <summary>
/// Calls into interfaces the host passes us, through their vtables (slot numbers from the headers:
/// 0-2 are FUnknown's). Thin and allocation-free: the audio thread uses the event and parameter ones.
/// </summary>
internal static unsafe class HostCalls
{
    private static void* Slot(void* obj, int index) => (*(void***)obj)[index];

    // FUnknown
    public static int QueryInterface(void* obj, in Tuid iid, void** result)
    {
        fixed (Tuid* p = &iid) return ((delegate* unmanaged<void*, void*, void**, int>)Slot(obj, 0))(obj, p, result);
    }

    public static uint AddRef(void* obj) => ((delegate* unmanaged<void*, uint>)Slot(obj, 1))(obj);

    public static uint Release(void* obj) => ((delegate* unmanaged<void*, uint>)Slot(obj, 2))(obj);

    // IBStream: read, write, seek, tell
    public static int StreamRead(void* s, void* buffer, int count, int* read) => ((delegate* unmanaged<void*, void*, int, int*, int>)Slot(s, 3))(s, buffer, count, read);

    public static int StreamWrite(void* s, void* buffer, int count, int* written) => ((delegate* unmanaged<void*, void*, int, int*, int>)Slot(s, 4))(s, buffer, count, written);

    // IEventList: getEventCount, getEvent, addEvent
    public static int EventCount(void* list) => ((delegate* unmanaged<void*, int>)Slot(list, 3))(list);

    public static int GetEvent(void* list, int index, Event* e) => ((delegate* unmanaged<void*, int, Event*, int>)Slot(list, 4))(list, index, e);

    public static int AddEvent(void* list, Event* e) => ((delegate* unmanaged<void*, Event*, int>)Slot(list, 5))(list, e);

    // IParameterChanges: getParameterCount, getParameterData, addParameterData
    public static int ParameterCount(void* changes) => ((delegate* unmanaged<void*, int>)Slot(changes, 3))(changes);

    public static void* ParameterData(void* changes, int index) => ((delegate* unmanaged<void*, int, void*>)Slot(changes, 4))(changes, index);

    public static void* AddParameterData(void* changes, uint* id, int* index) => ((delegate* unmanaged<void*, uint*, int*, void*>)Slot(changes, 5))(changes, id, index);

    // IParamValueQueue: getParameterId, getPointCount, getPoint, addPoint
    public static uint QueueParameterId(void* queue) => ((delegate* unmanaged<void*, uint>)Slot(queue, 3))(queue);

    public static int QueuePointCount(void* queue) => ((delegate* unmanaged<void*, int>)Slot(queue, 4))(queue);

    public static int QueuePoint(void* queue, int index, int* offset, double* value) => ((delegate* unmanaged<void*, int, int*, double*, int>)Slot(queue, 5))(queue, index, offset, value);

    public static int QueueAddPoint(void* queue, int offset, double value, int* index) => ((delegate* unmanaged<void*, int, double, int*, int>)Slot(queue, 6))(queue, offset, value, index);

    // IComponentHandler: beginEdit, performEdit, endEdit, restartComponent
    public static int BeginEdit(void* handler, uint id) => ((delegate* unmanaged<void*, uint, int>)Slot(handler, 3))(handler, id);

    public static int PerformEdit(void* handler, uint id, double value) => ((delegate* unmanaged<void*, uint, double, int>)Slot(handler, 4))(handler, id, value);

    public static int EndEdit(void* handler, uint id) => ((delegate* unmanaged<void*, uint, int>)Slot(handler, 5))(handler, id);

    public static int RestartComponent(void* handler, int flags) => ((delegate* unmanaged<void*, int, int>)Slot(handler, 6))(handler, flags);

    // IUnitHandler: notifyUnitSelection, notifyProgramListChange
    public static int NotifyProgramListChange(void* unitHandler, int listId, int programIndex) =>
        ((delegate* unmanaged<void*, int, int, int>)Slot(unitHandler, 4))(unitHandler, listId, programIndex);

    // IHostApplication: getName, createInstance
    public static int CreateInstance(void* host, in Tuid cid, in Tuid iid, void** result)
    {
        fixed (Tuid* c = &cid)
        fixed (Tuid* i = &iid)
            return ((delegate* unmanaged<void*, Tuid*, Tuid*, void**, int>)Slot(host, 4))(host, c, i, result);
    }

    // IMessage: getMessageID, setMessageID, getAttributes
    public static byte* MessageId(void* message) => ((delegate* unmanaged<void*, byte*>)Slot(message, 3))(message);

    public static void SetMessageId(void* message, byte* id) => ((delegate* unmanaged<void*, byte*, void>)Slot(message, 4))(message, id);

    public static void* MessageAttributes(void* message) => ((delegate* unmanaged<void*, void*>)Slot(message, 5))(message);

    // IAttributeList: setInt, getInt (then float, string, binary)
    public static int SetInt(void* list, byte* id, long value) => ((delegate* unmanaged<void*, byte*, long, int>)Slot(list, 3))(list, id, value);

    public static int GetInt(void* list, byte* id, long* value) => ((delegate* unmanaged<void*, byte*, long*, int>)Slot(list, 4))(list, id, value);

    // IConnectionPoint: connect, disconnect, notify
    public static int Notify(void* point, void* message) => ((delegate* unmanaged<void*, void*, int>)Slot(point, 5))(point, message);

    // Linux::IRunLoop: registerEventHandler, unregisterEventHandler, registerTimer, unregisterTimer
    public static int RegisterTimer(void* runLoop, void* handler, ulong milliseconds) => ((delegate* unmanaged<void*, void*, ulong, int>)Slot(runLoop, 5))(runLoop, handler, milliseconds);

    public static int UnregisterTimer(void* runLoop, void* handler) => ((delegate* unmanaged<void*, void*, int>)Slot(runLoop, 6))(runLoop, handler);

    public static int RegisterEventHandler(void* runLoop, void* handler, int fd) => ((delegate* unmanaged<void*, void*, int, int>)Slot(runLoop, 3))(runLoop, handler, fd);

    public static int UnregisterEventHandler(void* runLoop, void* handler) => ((delegate* unmanaged<void*, void*, int>)Slot(runLoop, 4))(runLoop, handler);

    // IPlugFrame: resizeView
    public static int ResizeView(void* frame, void* view, ViewRect* rect) => ((delegate* unmanaged<void*, void*, ViewRect*, int>)Slot(frame, 3))(frame, view, rect);
}
