package api

import (
	"context"
	"net/http"
)

// Availability is whether a node takes leases now, and why not: its
// owner's mode (always, idle, schedule), a pause by hand, or the machine's
// state.
type Availability struct {
	// Available says the node takes leases.
	Available bool `json:"available"`
	// Reason says why it does not ("paused by owner", "owner active: CPU
	// 63% > 25%", "outside schedule mon-fri 22:00-08:00", "on battery").
	Reason string `json:"reason,omitempty"`
	// Mode is the node's --mode: always, idle, schedule or idle,schedule.
	Mode string `json:"mode"`
	// Paused is set while its owner paused it by hand (kept across
	// restarts until resumed).
	Paused bool `json:"paused"`
	// Schedule is the node's weekly windows (mode schedule), IdleCPU the
	// share of the CPU others may use while the machine counts as idle
	// and IdleAfterSeconds how long it must stay so (mode idle): what the
	// owner set, so the app can say why the node is away and when it
	// comes back.
	Schedule         string  `json:"schedule,omitempty"`
	IdleCPU          float64 `json:"idle_cpu,omitempty"`
	IdleAfterSeconds float64 `json:"idle_after_seconds,omitempty"`
	// Caps are the limits in effect on what the node's work may take.
	Caps NodeCaps `json:"caps"`
}

// NodeCaps are a node's limits on its machine (conun node --slots,
// --threads, --memory-max, --gpus, --cache-max, --upload-limit,
// --download-limit); 0 is no limit.
type NodeCaps struct {
	// Slots is how many tasks the node renders at once.
	Slots int `json:"slots"`
	// Threads caps each render's threads; 0 lets a render use every core.
	Threads int `json:"threads"`
	// RenderMemoryBytes caps the memory one render may take (the Docker
	// sandbox's container limit); 0 when renders are not sandboxed, which
	// nothing caps.
	RenderMemoryBytes int64 `json:"render_memory_bytes"`
	// Sandboxed says renders run in the Docker sandbox.
	Sandboxed bool `json:"sandboxed"`
	// GPUs names the GPUs the sandbox passes to renders: all, or ids;
	// empty is none.
	GPUs string `json:"gpus,omitempty"`
	// CacheBytes caps the disk the cache of other members' scenes and
	// tiles takes.
	CacheBytes int64 `json:"cache_bytes"`
	// UploadLimit and DownloadLimit cap the bytes a second of blob
	// transfers to and from other members.
	UploadLimit   int64 `json:"upload_limit"`
	DownloadLimit int64 `json:"download_limit"`
}

// NodeAvailability is the node's own availability.
func (c *Client) NodeAvailability(ctx context.Context) (Availability, error) {
	var a Availability
	err := c.do(ctx, http.MethodGet, "/v1/node/availability", nil, &a)
	return a, err
}

// PauseNode stops the node taking leases and hands back those it holds
// (admin); it stays paused across restarts until ResumeNode.
func (c *Client) PauseNode(ctx context.Context) (Availability, error) {
	var a Availability
	err := c.do(ctx, http.MethodPost, "/v1/node/pause", nil, &a)
	return a, err
}

// ResumeNode lets a paused node take leases again, as its mode allows
// (admin).
func (c *Client) ResumeNode(ctx context.Context) (Availability, error) {
	var a Availability
	err := c.do(ctx, http.MethodPost, "/v1/node/resume", nil, &a)
	return a, err
}
