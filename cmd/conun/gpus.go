package main

import (
	"fmt"
	"log/slog"
	"strings"
)

// gpuDevice settles the Cycles device a node's Blender is asked for, from
// --blender-device, --gpus and what the sandbox can do (noGPU: why the
// Engine passes no GPU, from openSandbox), and says at start why a GPU
// asked for is not offered.
//
// A node asked for a GPU it cannot use starts anyway, renders on the CPU
// and warns, as a node without a sandbox starts without Blender
// (unsandboxedKinds): it offers what it can render, and the owner reads
// why in its log. blender.New then asks Cycles which devices it finds and
// falls back the same way (the renderer's DeviceNote).
func gpuDevice(bo *blenderOpts, sandboxed, blenderRuns bool, noGPU error, log *slog.Logger) {
	bo.Device = strings.ToUpper(bo.Device)
	gpu := bo.Device != "" && bo.Device != "CPU"
	switch {
	case !sandboxed && !bo.GPUs.None():
		log.Warn(fmt.Sprintf("--gpus %s applies only to the Docker sandbox's containers: unsandboxed, Blender sees every GPU the driver shows", bo.GPUs))
	case noGPU != nil:
		log.Warn(fmt.Sprintf("--gpus %s: %v; this node offers no GPU device", bo.GPUs, noGPU))
		if gpu && blenderRuns {
			log.Warn(fmt.Sprintf("--blender-device %s: the sandbox cannot pass a GPU in, so this node renders on the CPU and offers cycles-cpu", bo.Device))
		}
	case sandboxed && gpu && bo.GPUs.None() && blenderRuns:
		log.Warn(fmt.Sprintf("--blender-device %s: the Docker sandbox passes no GPU into containers (--gpus none), so this node renders on the CPU and offers cycles-cpu; pass --gpus all (or GPU ids such as 0,1)", bo.Device))
	default:
		return
	}
	if sandboxed && gpu && (noGPU != nil || bo.GPUs.None()) {
		bo.Device = "CPU"
	}
}
