package api

import (
	"context"
	"net/http"
)

// Reprobe is what a node found when it asked its renderers again which
// devices they render on (conun node reprobe, POST /v1/node/reprobe).
type Reprobe struct {
	// Renderers are the node's renderers that probe devices (Blender),
	// by name; a node with none (the path tracer alone) has none.
	Renderers []ReprobedRenderer `json:"renderers"`
}

// ReprobedRenderer is one renderer's build as the node advertised it
// before and after the probe.
type ReprobedRenderer struct {
	Name   string `json:"name"`
	Before string `json:"before"`
	After  string `json:"after"`
	// Note says why a GPU the owner asked for is not offered ("Blender
	// 4.3.2 found no CUDA device here ..."); empty when it is.
	Note string `json:"note,omitempty"`
	// Error is why the probe failed; the node then offers what it did.
	Error string `json:"error,omitempty"`
}

// ReprobeNode makes the node ask its renderers again which devices they
// find, as after a driver install, and offer what they find (admin).
func (c *Client) ReprobeNode(ctx context.Context) (Reprobe, error) {
	var r Reprobe
	err := c.do(ctx, http.MethodPost, "/v1/node/reprobe", nil, &r)
	return r, err
}
