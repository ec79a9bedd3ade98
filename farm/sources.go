package farm

import (
	"fmt"

	"github.com/conun/conun/farm/rpcaddr"
)

// maxSources bounds the places a task request names for its scene (the
// coordinator names at most maxPeerSources peers and itself).
const maxSources = 8

// maxPeerSources is how many peers holding (or fetching) a scene a lease
// names: enough that workers fetching one scene at once form a well
// connected swarm, few enough that each asks them all what they hold.
const maxPeerSources = 6

// checkSources refuses a task request whose scene sources are not RPC
// addresses (rpcaddr): the worker fetches from each, so a coordinator
// must not be able to point it at a path or a query of its choosing. The
// fetch builds its URL from the parsed address too; this check makes the
// refusal a clear 400 before any work.
func checkSources(sources []string) error {
	if len(sources) > maxSources {
		return fmt.Errorf("task request names %d scene sources, at most %d", len(sources), maxSources)
	}
	for _, s := range sources {
		if _, err := rpcaddr.Parse(s); err != nil {
			return fmt.Errorf("task request's scene source: %w", err)
		}
	}
	return nil
}
