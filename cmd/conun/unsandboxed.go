package main

import (
	"fmt"
	"log/slog"
	"slices"
)

// sceneCode are the renderers that run code a scene carries: Blender runs
// a .blend's Python, so a stranger's scene unsandboxed could read or change
// the owner's files. The path tracer reads glTF, which carries no code.
var sceneCode = []string{"blender"}

// unsandboxedKinds decides what a node with no sandbox offers. --sandbox
// auto that found no Docker engine (Windows, macOS or Linux without one)
// keeps the renderers that run no scene code and refuses the others,
// saying so, with the reason its worker gives a coordinator that still
// leases one; --sandbox none is the owner accepting unsandboxed work
// explicitly, and keeps every renderer asked for.
func unsandboxedKinds(mode string, kinds []string, log *slog.Logger) (kept []string, refused map[string]string, err error) {
	if mode == "none" {
		log.Warn("renders run UNSANDBOXED on this machine (--sandbox none): a hostile scene could read or change its files. Install Docker and run `make images`, or pass --sandbox docker. This node tells the cluster it is unsandboxed.")
		return kinds, nil, nil
	}
	for _, k := range kinds {
		if k == "" {
			continue
		}
		if !slices.Contains(sceneCode, k) {
			kept = append(kept, k)
			continue
		}
		if refused == nil {
			refused = map[string]string{}
		}
		refused[k] = "it has no Docker sandbox, and its owner did not accept unsandboxed scenes (--sandbox none)"
	}
	for k := range refused {
		log.Warn(fmt.Sprintf("no Docker engine answers: this node does not run %s (it would run a scene's code unsandboxed) and refuses its tasks; install Docker and run `make images`, or accept unsandboxed work with --sandbox none", k))
	}
	if len(kept) == 0 {
		return nil, nil, fmt.Errorf("%w: --renderers %v: none runs without a sandbox; add pathtracer, install Docker, or pass --sandbox none", errUsage, kinds)
	}
	log.Warn("renders run UNSANDBOXED on this machine (no Docker engine): only renderers that run no scene code are offered. This node tells the cluster it is unsandboxed.")
	return kept, refused, nil
}
