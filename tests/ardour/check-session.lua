-- Loads Audio2Midi in a headless Ardour 7 session (ardour7-lua, "None (Dummy)" backend) and reports what
-- Ardour sees: listing, instantiation, ports, latency, parameters, MIDI notes for a 220 Hz tone, bypass,
-- and state after save + reload. Run through run-ardour-check.sh (it prepares HOME and the plugin cache).
local dir = os.getenv("A2M_SESSION_DIR")
AudioEngine:set_backend("None (Dummy)", "", "")
AudioEngine:set_device_name("Silence")
os.execute("rm -rf " .. dir)
assert(create_session(dir, "a2m", 48000), "could not create a session")

local listed = false
for p in ARDOUR.LuaAPI.list_plugins():iter() do
  if p.type == ARDOUR.PluginType.VST3 and p.name == "Audio2Midi" then listed = true; print("listed: VST3", p.name, p.unique_id, p.category) end
end
assert(listed, "Audio2Midi is not in Ardour's plugin list")

local track = Session:new_audio_track(1, 2, nil, 1, "Voice", ARDOUR.PresentationInfo.max_order, ARDOUR.TrackMode.Normal, true, false):front()
local gen = ARDOUR.LuaAPI.new_luaproc(Session, "SinGen")            -- Ardour's sine generator: the "singer"
local a2m = ARDOUR.LuaAPI.new_plugin(Session, "Audio2Midi", ARDOUR.PluginType.VST3, "")
local counter = ARDOUR.LuaAPI.new_luaproc(Session, "A2M Note Counter") -- counts the MIDI that leaves Audio2Midi
assert(not gen:isnil() and not a2m:isnil() and not counter:isnil(), "could not create the processors")
assert(track:add_processor_by_index(gen, 0, nil, true) == 0)
assert(track:add_processor_by_index(a2m, 1, nil, true) == 0)
assert(track:add_processor_by_index(counter, 2, nil, true) == 0)
ARDOUR.LuaAPI.set_processor_param(gen, 0, 220.0) -- Hz: MIDI 57
ARDOUR.LuaAPI.set_processor_param(gen, 1, -12.0) -- dB

local insert = a2m:to_insert()
local plugin = insert:plugin(0)
print("instantiated:", plugin:name(), "parameters shown:", plugin:parameter_count(), "latency (samples):", insert:signal_latency())
for i = 0, plugin:parameter_count() - 1 do print("  parameter", i, plugin:parameter_label(i), (ARDOUR.LuaAPI.get_plugin_insert_param(insert, i, false))) end
local ins, outs = insert:natural_input_streams(), insert:natural_output_streams()
print("ports: in audio", ins:n_audio(), "midi", ins:n_midi(), "| out audio", outs:n_audio(), "midi", outs:n_midi())

track:monitoring_control():set_value(ARDOUR.MonitorChoice.MonitorInput, PBD.GroupControlDisposition.NoGroup)
ARDOUR.LuaAPI.usleep(3000000)
local shm = counter:to_insert():plugin(0):to_luaproc():shmem()
local f = shm:atomic_get_int(5) / (shm:atomic_get_int(6) / 48000)
print(string.format("tone: %.1f Hz (MIDI %.2f); NoteOns %d, last pitch %d, NoteOffs %d",
  f, 69 + 12 * math.log(f / 440, 2), shm:atomic_get_int(0), shm:atomic_get_int(2), shm:atomic_get_int(1)))
-- Latency that Ardour follows: after each change (a Latency step, a preset chosen from Ardour's preset list during
-- playback) poll Ardour's own figure for the plugin every 50 ms until it stops moving; it must settle on the value the
-- plugin reports within a second, with no deadlock. Expected: the step, or a windowed preset's floor.
-- Each poll reads every parameter's value, as Ardour's generic plugin window does on its GUI thread: that is when
-- Ardour hands the controller the values it queued (VST3PI::get_parameter calls setParamNormalized "GUI thread only"),
-- and the plugin, which gets no run loop from Ardour 7.3, announces a latency change at the end of such a call.
local function follow(what, expected)
  local seen = insert:signal_latency()
  local waited = 0
  while seen ~= expected and waited < 2000 do
    ARDOUR.LuaAPI.usleep(50000); waited = waited + 50
    for i = 0, plugin:parameter_count() - 1 do ARDOUR.LuaAPI.get_plugin_insert_param(insert, i, false) end
    seen = insert:signal_latency()
  end
  print(string.format("%s: Ardour reports %d samples after %d ms (expected %d) %s", what, seen, waited, expected,
    (seen == expected and waited <= 1000) and "OK" or "LATE"))
end
local latency_index = nil
for i = 0, plugin:parameter_count() - 1 do
  if plugin:parameter_label(i) == "Latency" then latency_index = i end
end
for _, step in ipairs({ { 0, 0 }, { 4, 12000 }, { 1, 1440 } }) do -- Instant, 250 ms, back to 30 ms (plain value = index)
  ARDOUR.LuaAPI.set_processor_param(a2m, latency_index, step[1])
  follow("Latency step " .. step[1], step[2])
end
-- Model presets: Ardour lists the program list as the plugin's presets; load each during playback, follow the
-- latency, and count the notes each plays for the tone (the windowed one's latency is its floor).
local names = {}
for p in ARDOUR.LuaAPI.list_plugins():iter() do
  if p.type == ARDOUR.PluginType.VST3 and p.name == "Audio2Midi" then
    for pset in p:get_presets():iter() do names[#names + 1] = pset.label end
  end
end
print("presets Ardour lists:", table.concat(names, " | "))
local floors = { ["Accurate CRNN (500 ms look-ahead)"] = tonumber(os.getenv("A2M_CRNN_FLOOR_SAMPLES") or "49440") }
for _, label in ipairs({ "Live model (hust-solfege)", "Accurate CRNN (500 ms look-ahead)", "F0 notes (hust + synth)", "pYIN (live)", "Live model (hust-solfege)" }) do
  local before = shm:atomic_get_int(0)
  local pr = plugin:preset_by_label(label)
  if pr == nil then
    print("preset not found:", label)
  else
    print("load_preset", label, plugin:load_preset(pr))
    follow("  " .. label, floors[label] or 1440)
    ARDOUR.LuaAPI.usleep(2500000)
    print(string.format("  with %s: NoteOns %d more (last pitch %d); last preset %s",
      label, shm:atomic_get_int(0) - before, shm:atomic_get_int(2), plugin:last_preset().label))
  end
end
for i = 0, plugin:parameter_count() - 1 do
  if plugin:parameter_label(i) == "Bypass" then ARDOUR.LuaAPI.set_processor_param(a2m, i, 1.0) end
end
ARDOUR.LuaAPI.usleep(500000)
print(string.format("after Bypass on: NoteOns %d, NoteOffs %d", shm:atomic_get_int(0), shm:atomic_get_int(1)))

ARDOUR.LuaAPI.set_processor_param(a2m, 2, 5.0) -- Transpose
ARDOUR.LuaAPI.set_processor_param(a2m, 3, 4.0) -- MIDI channel
ARDOUR.LuaAPI.usleep(200000)
Session:save_state("", false, false, false, false, false)
close_session()

assert(load_session(dir, "a2m"), "could not reload the session")
local reloaded = Session:route_by_name("Voice"):nth_plugin(1):to_insert()
print("reloaded:", reloaded:plugin(0):name(), "Transpose", (ARDOUR.LuaAPI.get_plugin_insert_param(reloaded, 2, false)),
  "MIDI channel", (ARDOUR.LuaAPI.get_plugin_insert_param(reloaded, 3, false)))
close_session()
