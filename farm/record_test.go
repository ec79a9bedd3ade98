package farm

import (
	"log/slog"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/tiler"
	"github.com/ethereum/go-ethereum/common"
)

// TestJobRecordKeepsFramePlan: what a job's frames are made with, decided
// once at submit from the scene (api.FramePlan), and which receipts its
// workers took, come back from the job's record after a restart: a
// restarted coordinator wrote its 8-bit frames undithered, or handed its
// workers receipts they held, otherwise.
func TestJobRecordKeepsFramePlan(t *testing.T) {
	st := openTestStore(t, filepath.Join(t.TempDir(), "db"))
	t.Cleanup(func() { st.Close() })
	c := &coordinator{store: st, log: slog.New(slog.DiscardHandler)}
	worker := common.HexToAddress("0x00000000000000000000000000000000000000b3")
	spec := api.JobSpec{SceneName: "s.blend", Renderer: "blender", Frames: tiler.Frames{Start: 1, End: 2, Step: 1},
		Resolution: tiler.Resolution{Width: 64, Height: 48}, Samples: 4, Tiles: tiler.Grid{Cols: 2, Rows: 2}, Depth: 8}
	j := &job{id: "job", spec: spec, state: api.JobRunning, release: "blender-4.3.2", framing: FramePlan{
		Dither: 0.5, Adaptive: true, Passes: []string{"ViewLayer.Combined"}, Denoise: true,
		Layers: &api.LayersPlan{Passes: []string{"ViewLayer.Combined"}, Composite: true, Half: true, Codec: "RLE"}, WholeChecks: true, Alpha: true}}
	// Every field set: a field added to the plan and left out of the
	// record fails the round trip below.
	for i, v := 0, reflect.ValueOf(j.framing); i < v.NumField(); i++ {
		if v.Field(i).IsZero() {
			t.Fatalf("FramePlan.%s is not set in this test", v.Type().Field(i).Name)
		}
	}
	j.tookReceipt(worker, 7)
	if err := <-st.PutJob(j.id, j.record()); err != nil {
		t.Fatal(err)
	}
	sj, err := st.Job(j.id)
	if err != nil {
		t.Fatal(err)
	}
	back := c.jobFromStore(sj)
	if back.framing.Dither != 0.5 || !back.framing.Adaptive || len(back.framing.Passes) != 1 || back.release != "blender-4.3.2" || back.receiptsTaken[worker] != 7 {
		t.Errorf("restored dither %v, adaptive %v, passes %v, release %q, receipts taken %v; want 0.5, true, [ViewLayer.Combined], blender-4.3.2, 7",
			back.framing.Dither, back.framing.Adaptive, back.framing.Passes, back.release, back.receiptsTaken)
	}
	if !reflect.DeepEqual(back.framing, j.framing) {
		t.Errorf("restored plan %+v, want %+v", back.framing, j.framing)
	}
}
