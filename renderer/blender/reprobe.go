package blender

import (
	"context"
	"fmt"
)

// probed is one probe's answer as the renderer uses it: what Blender is
// and can do, and the Cycles device it renders on. A Renderer holds one,
// replaced whole by Reprobe, so a reader never sees half of two probes.
type probed struct {
	info   probeInfo
	device string // the device renders use: the one asked for, or "CPU"
	note   string // why device is the CPU although a GPU was asked for
}

// runProbe runs the probe (with the device list when a GPU was asked for)
// and settles the device from its answer.
func (r *Renderer) runProbe(ctx context.Context) (*probed, error) {
	r.probes.Add(1)
	p, devices, err := runProbe(ctx, r.cfg, r.driverPath, r.want != "CPU")
	if err != nil {
		return nil, err
	}
	dev, note, err := chooseDevice(r.want, p.Version, devices)
	if err != nil {
		return nil, err
	}
	return &probed{info: p, device: dev, note: note}, nil
}

// Reprobe runs the start-up probe again, in a Blender run of its own (in
// the sandbox when Config.Start puts Blender there), and takes its answer:
// a GPU of the kind Config.Device asked for that appeared is rendered on
// from the next task, one that is gone no longer is (the renderer falls
// back to the CPU and DeviceNote says why). It returns whether what the
// renderer offers changed (its Version or DeviceNote).
//
// A node calls it when the machine's devices change (a GPU plugged in, a
// driver installed): GPUs come and go without a restart. Warm processes
// started on the old device are stopped, the busy ones once their task
// ends; a caller that advertised the old Version hands back what it
// leased under it. A failed probe changes nothing.
func (r *Renderer) Reprobe(ctx context.Context) (bool, error) {
	if r.isClosed() {
		return false, ErrClosed
	}
	st, err := r.runProbe(ctx)
	if err != nil {
		return false, fmt.Errorf("blender: re-probe: %w", err)
	}
	version, note := r.Version(), r.DeviceNote()
	old := r.state.Swap(st)
	if old.device != st.device {
		r.stopIdle()
	}
	return r.Version() != version || r.DeviceNote() != note, nil
}

// Probes counts the Blender runs that probed this renderer's Blender: one
// at New, one per Reprobe. A node's log and tests read it to tell a real
// re-probe from one that was skipped.
func (r *Renderer) Probes() int64 { return r.probes.Load() }

// stopIdle stops every warm process that is not rendering now; a busy one
// is replaced when its next task finds it on another device (withWarm).
func (r *Renderer) stopIdle() {
	r.mu.Lock()
	ws := make([]*warm, 0, len(r.warm))
	for _, w := range r.warm {
		ws = append(ws, w)
	}
	r.mu.Unlock()
	for _, w := range ws {
		r.reap(w)
	}
}
