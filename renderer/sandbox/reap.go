package sandbox

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/moby/moby/client"
)

// Reap removes what an earlier run of this node left behind: every
// container labelled with its Node (running or not: a node killed with
// SIGKILL leaves its containers running) and the contents of its WorkDir.
// Call it at start, before any render. It returns how many containers it
// removed.
func (s *Sandbox) Reap(ctx context.Context) (int, error) {
	f := client.Filters{}.Add("label", labelSandbox+"=1", labelNode+"="+s.cfg.Node)
	list, err := s.cli.ContainerList(ctx, client.ContainerListOptions{All: true, Filters: f})
	if err != nil {
		return 0, fmt.Errorf("sandbox: reap: list containers: %w", err)
	}
	n := 0
	for _, c := range list.Items {
		_, err := s.cli.ContainerRemove(ctx, c.ID, client.ContainerRemoveOptions{Force: true})
		if err != nil {
			return n, fmt.Errorf("sandbox: reap: remove container %.12s: %w", c.ID, err)
		}
		n++
	}
	entries, err := os.ReadDir(s.cfg.WorkDir)
	if err != nil {
		return n, fmt.Errorf("sandbox: reap: %w", err)
	}
	for _, e := range entries {
		if err := os.RemoveAll(filepath.Join(s.cfg.WorkDir, e.Name())); err != nil {
			return n, fmt.Errorf("sandbox: reap: %w", err)
		}
	}
	return n, nil
}

// Containers lists the ids of this node's running containers: their CPU
// time is the node's own, not its owner's (an idle-mode node must not take
// its own renders for the owner's work).
func (s *Sandbox) Containers(ctx context.Context) ([]string, error) {
	f := client.Filters{}.Add("label", labelSandbox+"=1", labelNode+"="+s.cfg.Node)
	list, err := s.cli.ContainerList(ctx, client.ContainerListOptions{Filters: f})
	if err != nil {
		return nil, fmt.Errorf("sandbox: list containers: %w", err)
	}
	ids := make([]string, 0, len(list.Items))
	for _, c := range list.Items {
		ids = append(ids, c.ID)
	}
	return ids, nil
}
