package gui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/widget"

	"github.com/conun/conun/farm"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/farmtest"
	"github.com/conun/conun/farm/flipbook"
	"github.com/conun/conun/renderer"
)

// TestEvidenceInLiveView: when a lazy node is convicted, the finished
// job's live view shows each compared crop window, the worker's pixels
// beside the checker's, enlarged 8x at their own size.
func TestEvidenceInLiveView(t *testing.T) {
	nodes := farmtest.Start(t, 3, func(i int, c *farm.NodeConfig) {
		if i == 2 {
			c.Renderers = []renderer.Renderer{lazy{farmtest.Renderers()[0]}}
		}
	})
	c := api.NewClient(nodes[0].URL())
	id := farmtest.Submit(t, c, func(s *api.JobSpec) { s.Samples, s.Depth, s.VerifyRate = 16, 16, 1 })
	rep := farmtest.WaitDone(t, c, id)
	if len(rep.Convictions) == 0 {
		t.Fatalf("the lazy node was not convicted")
	}
	u, th := newTestUI(t, nodes[0].URL())
	u.showLive(id, nil)
	th.until(t, "the evidence shows", func() bool { return len(u.live.evidence.Objects) > 0 })
	var pics, captions int
	for _, o := range u.live.evidence.Objects {
		switch o := o.(type) {
		case *canvas.Image:
			pics++
			b := o.Image.Bounds()
			if b.Dy()%flipbook.CropScale != 0 || b.Dx() < 2*flipbook.CropScale {
				t.Errorf("evidence picture of %v: not crops enlarged %dx", b, flipbook.CropScale)
			}
		case *widget.Label:
			captions++
			if !strings.Contains(o.Text, "Evidence against node-3") || !strings.Contains(o.Text, "8x") {
				t.Errorf("caption %q", o.Text)
			}
		}
	}
	want := 0
	for _, cv := range rep.Convictions {
		want += len(cv.Evidence.Crops)
	}
	if pics != want || captions != want {
		t.Fatalf("%d pictures and %d captions, want one of each per crop (%d)", pics, captions, want)
	}
}
