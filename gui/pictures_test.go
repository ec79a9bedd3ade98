package gui

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"

	"github.com/conun/conun/farm"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/farmtest"
	"github.com/conun/conun/renderer"
)

// readmePictures are the README's pictures of the app, under docs/.
var readmePictures = []string{"app-new-render.png", "app-live.png", "app-jobs.png", "app-frame.png"}

// TestREADMEPictures keeps the README's pictures of the app true. With
// CONUN_UPDATE_PICTURES=1 it drives the app's window on Fyne's test
// driver (its software painter: the real widgets and theme, no GL)
// against an in-process cluster and writes them: the new-render form with
// an estimate, the live view mid-job, the jobs list, and the frame the job
// rendered. Otherwise it checks that each is there and decodes.
func TestREADMEPictures(t *testing.T) {
	dir := filepath.Join("..", "docs")
	if os.Getenv("CONUN_UPDATE_PICTURES") == "1" {
		writePictures(t, dir)
	}
	for _, name := range readmePictures {
		f, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			t.Fatalf("%v: run CONUN_UPDATE_PICTURES=1 go test -run TestREADMEPictures ./gui/ to make it", err)
		}
		cfg, err := png.DecodeConfig(f)
		f.Close()
		if err != nil || cfg.Width < 100 || cfg.Height < 75 {
			t.Errorf("%s: %dx%d, %v: want a PNG picture", name, cfg.Width, cfg.Height, err)
		}
	}
}

func writePictures(t *testing.T, dir string) {
	gate := farmtest.NewGate()
	nodes := farmtest.Start(t, 2, func(i int, c *farm.NodeConfig) {
		c.Renderers = []renderer.Renderer{gate.Renderer(farmtest.Renderers()[0])}
		c.Price = tok(0.25 * float64(i+1)) // so the estimate has a cost to show
	})
	u, th := newTestUI(t, nodes[0].URL())
	save := func(name string, img image.Image) {
		t.Helper()
		var buf bytes.Buffer
		if err := png.Encode(&buf, img); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	v := u.newRender
	v.setScene(sceneFile(t, "cornell.glb"))
	th.until(t, "the scene's settings are read", func() bool { return strings.Contains(v.sceneInfo.Text, "read from the scene") })
	typeInto(v.entries[FieldResolution], "320x240")
	typeInto(v.entries[FieldSamples], "16")
	test.Tap(v.render)
	th.until(t, "the live view follows the job", func() bool { return u.live.prog != nil })
	half := u.live.prog.Total / 2
	gate.Allow(half)
	th.until(t, "half the tiles are done", func() bool { return u.live.prog.Done >= half })
	save("app-live.png", u.win.Canvas().Capture())
	gate.Open()
	th.until(t, "the job ends", func() bool { return u.live.prog.State.Final() && u.live.full[1] != nil })

	u.tabs.Select(u.tabs.Items[2])
	th.until(t, "the jobs list shows the job", func() bool { return !u.jobs.loading && len(u.jobs.jobs) == 1 && u.jobs.jobs[0].State.Final() })
	save("app-jobs.png", u.win.Canvas().Capture())

	u.showNewRender()
	test.Tap(v.estimateButton)
	th.until(t, "the estimate is shown", func() bool { return v.lastEstimate != nil })
	v.content.(*container.Scroll).ScrollToBottom() // the estimate is under the form
	save("app-new-render.png", u.win.Canvas().Capture())

	var frame bytes.Buffer
	if err := api.NewClient(nodes[0].URL()).Frame(context.Background(), u.live.prog.JobID, 1, &frame); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "app-frame.png"), frame.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}
