// Package ptproto is what the sandbox and ptrender, the path tracer's
// program inside the container, say to each other: one Request as the
// program's argument, Messages on its stdout.
package ptproto

import (
	"github.com/conun/conun/renderer"
	"github.com/conun/conun/renderer/pathtracer"
)

// Version numbers this protocol; it is part of the image's tag, so a node
// never talks to a ptrender built for another version. Bump it with every
// change here. 2: OutEXR.
const Version = "2"

// Prefix marks a Message line on stdout, apart from anything else printed.
const Prefix = "@@conun@@ "

// Request is one run of ptrender: inspect a scene, or render one task.
type Request struct {
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

// Message is one line of ptrender's stdout, behind Prefix.
type Message struct {
	Done  int                 `json:"done,omitempty"`
	Total int                 `json:"total,omitempty"`
	Info  *renderer.SceneInfo `json:"info,omitempty"`
	Error string              `json:"error,omitempty"`
}
