package blender

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// A device probe is part of the start-up probe (probe mode with "devices")
// rather than a run of its own, so a node that asks for a GPU pays one
// Blender start, not two. GPUs come and go with drivers and hardware; a
// node notices (farm's device watch) and calls Reprobe, which runs the
// same probe again and changes the device renders use from the next task.

// maxDevices bounds the devices list read from a probe: a machine has a
// handful of GPUs, and the list comes from a process a scene could, in
// principle, have influenced.
const maxDevices = 64

// parseAnswer finds the driver's message in a one-shot run's output: the
// first line holding linePrefix followed by a JSON object. Lines of
// Blender's own output before and after it, and prefixed lines that are
// not JSON, are skipped.
func parseAnswer(out string) (message, bool) {
	for line := range strings.SplitSeq(out, "\n") {
		i := strings.Index(line, linePrefix)
		if i < 0 {
			continue
		}
		var m message
		if json.Unmarshal([]byte(strings.TrimRight(line[i+len(linePrefix):], "\r")), &m) == nil {
			return m, true
		}
	}
	return message{}, false
}

// DeviceKinds returns the compute device kinds in a device list as Devices
// reports it ("CPU", then "KIND:name" per GPU): "CPU" first, then each GPU
// kind once, in the order found, for example [CPU CUDA OPTIX]. An entry that
// is not of that shape is an error naming it.
func DeviceKinds(devices []string) ([]string, error) {
	if len(devices) > maxDevices {
		return nil, fmt.Errorf("blender: devices: %d entries, more than the %d a machine has", len(devices), maxDevices)
	}
	kinds := []string{"CPU"}
	for _, d := range devices {
		if d == "CPU" {
			continue
		}
		kind, name, ok := strings.Cut(d, ":")
		if !ok || !validKind(kind) || strings.TrimSpace(name) == "" {
			return nil, fmt.Errorf("blender: devices: entry %q: want CPU or KIND:name, such as CUDA:NVIDIA GeForce RTX 3090", d)
		}
		if !slices.Contains(kinds, kind) {
			kinds = append(kinds, kind)
		}
	}
	return kinds, nil
}

// validKind reports whether s looks like one of Cycles' device types
// (CUDA, OPTIX, HIP, METAL, ONEAPI): upper-case letters and digits.
func validKind(s string) bool {
	if s == "" || len(s) > 16 || s == "CPU" {
		return false
	}
	for _, r := range s {
		if !('A' <= r && r <= 'Z' || '0' <= r && r <= '9') {
			return false
		}
	}
	return true
}

// chooseDevice checks the device the owner asked for against what the probe
// found. A GPU kind Blender did not find falls back to the CPU, with the
// reason: the node then offers what it can render rather than refusing to
// start, and says why at start.
func chooseDevice(want, version string, devices []string) (device, note string, err error) {
	if want == "CPU" {
		return "CPU", "", nil
	}
	kinds, err := DeviceKinds(devices)
	if err != nil {
		return "", "", err
	}
	if slices.Contains(kinds, want) {
		return want, "", nil
	}
	sees := "only the CPU"
	if len(kinds) > 1 {
		sees = strings.Join(kinds, ", ")
	}
	return "CPU", fmt.Sprintf("Blender %s found no %s device here (Cycles sees %s): rendering on the CPU instead; check the GPU driver, and in the Docker sandbox --gpus and nvidia-container-toolkit", version, want, sees), nil
}
