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
    public static int RestartComponent(void* handler, int flags) => ((delegate* unmanaged<void*, int, int>)Slot(handler, 6))(handler, flags);
}
