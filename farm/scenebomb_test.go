package farm_test

import (
	"context"
	"errors"
	"runtime"
	"strings"
	"testing"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/farmtest"
	"github.com/conun/conun/tiler"
)

// TestSceneBombRefusedAtSubmit: a 3 MB glTF of a million empty nodes (it
// cost ~900 MB on the coordinator and every worker) is refused at submit
// with a 400 naming the limit, having cost the coordinator little more
// than its upload, and the cluster goes on rendering.
func TestSceneBombRefusedAtSubmit(t *testing.T) {
	nodes := farmtest.Start(t, 2, nil)
	ctx := context.Background()
	c := api.NewClient(nodes[0].URL())
	bomb := []byte(`{"asset":{"version":"2.0"},"nodes":[` + strings.Repeat("{},", 999_999) + `{}]}`)

	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	hash, err := c.Upload(ctx, bomb)
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Submit(ctx, api.JobSpec{
		Scene: hash, SceneName: "bomb.gltf", Renderer: "pathtracer",
		Frames: tiler.Frames{Start: 1, End: 1, Step: 1}, Resolution: tiler.Resolution{Width: 32, Height: 24},
		Samples: 1, Tiles: tiler.Grid{Cols: 1, Rows: 1}, Depth: 8, Nonce: t.Name(),
	})
	runtime.ReadMemStats(&after)
	var apiErr *api.APIError
	if !errors.As(err, &apiErr) || apiErr.Status != 400 {
		t.Fatalf("err = %v, want a 400", err)
	}
	for _, want := range []string{"bomb.gltf", "scene has 1000000 nodes; the limit is 100000"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("err = %q, want it to say %q", err, want)
		}
	}
	// Client and node share this process: the upload is read, hashed and
	// written, and the scene read once more to be inspected.
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 64<<20 {
		t.Errorf("uploading and refusing a %d-byte bomb allocated %d bytes, more than 64 MiB", len(bomb), alloc)
	}
	if jobs, err := c.Jobs(ctx); err != nil || len(jobs) != 0 {
		t.Errorf("jobs = %v, %v; want none", jobs, err)
	}
	farmtest.RunJob(t, c, nil)
}
