// Package ptproto is what the sandbox and ptrender, the path tracer's
// program inside the container, say to each other: Requests, one JSON
// object a line, on the program's stdin; Messages on its stdout. One
// ptrender serves one request after another until its stdin ends.
package ptproto

import (
	"github.com/conun/conun/renderer"
	"github.com/conun/conun/renderer/pathtracer"
)

// Version numbers this protocol; it is part of the image's tag, so a node
// never talks to a ptrender built for another version. Bump it with every
// change here. 2: OutEXR. 3: serve mode (requests on stdin; ID, End and
// Bad; progress a few times a second, not every row). 4: Config.Limits
// (scene resource budgets: an older ptrender would not enforce them).
const Version = "4"

// Prefix marks a Message line on stdout, apart from anything else printed.
const Prefix = "@@conun@@ "

// MaxRequest bounds one request line, in bytes.
const MaxRequest = 1 << 20

// Request is one job for ptrender: inspect a scene, or render one task.
type Request struct {
	// ID names the request in its Messages; the sandbox numbers its
	// requests from 1.
	ID uint64 `json:"id"`
	// Config is the node's path tracer settings, so the box renders the
	// pixels the node's Version names.
	Config pathtracer.Config `json:"config"`
	// Task is the task; its Scene is the path inside the container.
	Task renderer.Task `json:"task"`
	// Inspect asks for the scene's info instead of a render.
	Inspect bool `json:"inspect,omitempty"`
	// Out is where the 16-bit PNG goes, inside the container.
	Out string `json:"out,omitempty"`
	// OutEXR, for a task that asks for float pixels (Task.HDR), is where
	// they go as an OpenEXR, inside the container.
	OutEXR string `json:"out_exr,omitempty"`
}

// Message is one line of ptrender's stdout, behind Prefix. A render gets
// progress Messages (Done of Total rows), a few a second at most; every
// request then gets exactly one Message with End set, which carries Info
// for an inspection and Error when the request failed.
type Message struct {
	// ID is the request's; 0 answers a line that was not a request.
	ID    uint64              `json:"id,omitempty"`
	Done  int                 `json:"done,omitempty"`
	Total int                 `json:"total,omitempty"`
	Info  *renderer.SceneInfo `json:"info,omitempty"`
	// End marks the request's last Message: its files are written.
	End   bool   `json:"end,omitempty"`
	Error string `json:"error,omitempty"`
	// Bad says that Error is the task's or the scene's fault
	// (renderer.ErrBadTask), not the program's.
	Bad bool `json:"bad,omitempty"`
}
