-- Test helper for run-ardour-check.sh: counts the NoteOns/NoteOffs leaving the processor before it, and
-- measures the frequency of the audio it gets (zero crossings), in shared memory the session script reads.
ardour { ["type"] = "dsp", name = "A2M Note Counter", category = "Utility", license = "MIT",
	author = "Audio2Midi tests", description = "Counts MIDI note-ons and note-offs passing through" }

function dsp_ioconfig ()
	return { { midi_in = 1, midi_out = 1, audio_in = -1, audio_out = -1 } }
end

function dsp_init (rate)
	self:shmem ():allocate (8)
	self:shmem ():clear ()
	self:shmem ():atomic_set_int (2, -1)
end

function dsp_configure (ins, outs)
	n_out = outs
end

function dsp_runmap (bufs, in_map, out_map, n_samples, offset)
	ARDOUR.DSP.process_map (bufs, n_out, in_map, out_map, n_samples, offset)
	local ib = in_map:get (ARDOUR.DataType ("midi"), 0)
	if ib == ARDOUR.ChanMapping.Invalid then return end
	local shm = self:shmem ()
	shm:atomic_set_int (3, shm:atomic_get_int (3) + 1)
	local ab = in_map:get (ARDOUR.DataType ("audio"), 0)
	if ab ~= ARDOUR.ChanMapping.Invalid then
		local peak = ARDOUR.DSP.compute_peak (bufs:get_audio (ab):data (offset), n_samples, 0)
		if peak > 0.001 then shm:atomic_set_int (4, shm:atomic_get_int (4) + 1) end
		local d = bufs:get_audio (ab):data (offset):array ()
		local crossings = 0
		for i = 1, n_samples do
			if last_sample and last_sample < 0 and d[i] >= 0 then crossings = crossings + 1 end
			last_sample = d[i]
		end
		shm:atomic_set_int (5, shm:atomic_get_int (5) + crossings)
		shm:atomic_set_int (6, shm:atomic_get_int (6) + n_samples)
	end
	for _, e in pairs (bufs:get_midi (ib):table ()) do
		local ev = e:buffer ():array ()
		local status = ev[1] & 0xf0
		if status == 0x90 and ev[3] > 0 then
			shm:atomic_set_int (0, shm:atomic_get_int (0) + 1)
			shm:atomic_set_int (2, ev[2])
		elseif status == 0x80 or status == 0x90 then
			shm:atomic_set_int (1, shm:atomic_get_int (1) + 1)
		end
	end
end
