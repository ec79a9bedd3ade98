package sandbox

import (
	"context"
	"errors"
	"fmt"
	"image"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/moby/moby/client"
)

// The tests run real containers on the local Docker Engine with the images
// images/build.sh builds. Without them the tests skip, loudly.

// testConfig is the sandbox the tests use: small limits, so that the
// hostile tests hit them fast, and a node id of the test's own.
func testConfig(t testing.TB) Config {
	cfg := DefaultConfig()
	cfg.Node = fmt.Sprintf("test-%d-%d", os.Getpid(), time.Now().UnixNano())
	cfg.Memory = 512 << 20
	cfg.PIDs = 128
	cfg.TmpSize = 16 << 20
	cfg.OutputLimit = 32 << 20
	cfg.Timeout = time.Minute
	cfg.WorkDir = t.TempDir()
	return cfg
}

// newSandbox returns a Sandbox on the local engine, skipping the test when
// the engine or the named images are missing. Whatever the test leaves is
// reaped when it ends.
func newSandbox(t testing.TB, cfg Config, renderers ...string) *Sandbox {
	t.Helper()
	if testing.Short() {
		t.Skip("-short: needs dockerd and the sandbox images")
	}
	s, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := s.Check(ctx, renderers...); err != nil {
		s.Close()
		if errors.Is(err, ErrNoImage) {
			t.Skipf("NOT TESTED: %v", err) // names the image and how to build it
		}
		t.Skipf("NOT TESTED: the Docker sandbox (%v); run .ci/deps (installs docker.io, starts dockerd, builds the images) to run these tests", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		if n, err := s.Reap(ctx); err != nil || n > 0 {
			t.Errorf("containers left behind: reaped %d (%v)", n, err)
		}
		s.Close()
	})
	return s
}

// containers lists the containers of the sandbox's node.
func containers(t testing.TB, s *Sandbox) []string {
	t.Helper()
	f := client.Filters{}.Add("label", labelNode+"="+s.cfg.Node)
	list, err := s.cli.ContainerList(context.Background(), client.ContainerListOptions{All: true, Filters: f})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, c := range list.Items {
		ids = append(ids, c.ID)
	}
	return ids
}

// diffValues counts the 16-bit values that differ and the largest
// difference.
func diffValues(a, b *image.NRGBA64) (n, worst int) {
	r := a.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		pa := a.Pix[a.PixOffset(r.Min.X, y):a.PixOffset(r.Max.X, y)]
		pb := b.Pix[b.PixOffset(r.Min.X, y):b.PixOffset(r.Max.X, y)]
		for i := 0; i < len(pa); i += 2 {
			va, vb := int(pa[i])<<8|int(pa[i+1]), int(pb[i])<<8|int(pb[i+1])
			if va != vb {
				n++
				worst = max(worst, va-vb, vb-va)
			}
		}
	}
	return n, worst
}

func haveBlender(t testing.TB) {
	if _, err := exec.LookPath("blender"); err != nil {
		t.Skip("NOT TESTED: blender is not on PATH (the reference renders and test scenes need it); run .ci/deps")
	}
}
