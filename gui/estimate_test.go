package gui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/conun/conun/farm/api"
)

// TestEstimateFillsBudget: on a chain cluster whose nodes ask 0.25 and 0.5
// tokens a tile, the form's Estimate shows the node's prediction (render
// and wall time, cost with its range) and fills the Budget with the cost
// at the dearest member (4 tiles x 0.5), unless the artist typed a budget,
// before or after an estimate; the filled budget then pays for the job.
func TestEstimateFillsBudget(t *testing.T) {
	nodes := startChainCluster(t, 100, []float64{0.25, 0.5}, nil)
	tests := []struct {
		name string
		// before and after are budgets typed before the first estimate and
		// between it and a second one; "" types nothing.
		before, after string
		want          string
		render        bool
	}{
		{name: "filled from the estimate", want: tokenText(4 * 0.5), render: true},
		{name: "typed before", before: "3", want: "3"},
		{name: "typed after", after: "1.5", want: "1.5"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			u, th := newTestUI(t, nodes[0].URL())
			v := u.newRender
			v.setScene(sceneFile(t, "cornell.glb"))
			th.until(t, "the scene's settings are read", func() bool { return strings.Contains(v.sceneInfo.Text, "read from the scene") })
			typeInto(v.entries[FieldResolution], "32x24")
			typeInto(v.entries[FieldSamples], "2")
			typeInto(v.entries[FieldTiles], "2x2")
			if tc.before != "" {
				typeInto(v.entries[FieldBudget], tc.before)
			}
			estimate := func() api.Estimate {
				test.Tap(v.estimateButton)
				th.until(t, "the estimate is shown", func() bool { return v.lastEstimate != nil || strings.HasPrefix(v.estimateText.Text, "No estimate") })
				est := v.lastEstimate
				if est == nil {
					t.Fatal(v.estimateText.Text)
				}
				return *est
			}
			est := estimate()
			if est.Tasks != 4 || est.Nodes != 2 || est.CostHigh.String() != tokenText(4*0.5) || est.CostLow.String() != tokenText(4*0.25) {
				t.Fatalf("estimate %+v: want 4 tasks on 2 nodes costing 1 to 2 tokens", est)
			}
			for _, s := range []string{"render time " + seconds(est.RenderSeconds), "wall time " + seconds(est.WallSeconds),
				"cost " + est.Cost.String() + " tokens (" + est.CostLow.String() + " to " + est.CostHigh.String() + ")"} {
				if !strings.Contains(v.estimateText.Text, s) {
					t.Errorf("estimate text %q does not say %q", v.estimateText.Text, s)
				}
			}
			if tc.after != "" {
				typeInto(v.entries[FieldBudget], tc.after)
				estimate()
			}
			if got := v.entries[FieldBudget].Text; got != tc.want {
				t.Fatalf("budget %q after the estimate, want %q", got, tc.want)
			}
			if !tc.render {
				return
			}
			test.Tap(v.render)
			th.until(t, "the job with the estimate's budget ends", func() bool { return u.live.prog != nil && u.live.prog.State.Final() })
			if p := u.live.prog; p.State != api.JobDone || p.Spec.Budget.String() != tc.want {
				t.Fatalf("job %s (%s) with budget %s: want done within the estimate's %s", p.State, p.Message, p.Spec.Budget, tc.want)
			}
		})
	}
}
