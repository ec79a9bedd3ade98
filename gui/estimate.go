package gui

import (
	"context"
	"fmt"
	"path/filepath"
	"time"

	"github.com/conun/conun/farm/api"
)

// estimate asks the node what the job the form describes would take and
// cost (POST /v1/estimate, as `conun estimate`), off the UI goroutine: the
// scene is uploaded first, and the node renders a few sample crops. The
// answer is shown under the form, and its budget that covers the job at
// any member's price fills the Budget field unless the artist typed one.
// Render never waits for it.
func (v *newRenderView) estimate() {
	for field := range v.entries {
		v.touched[field] = true
	}
	spec, errs := v.form.Spec()
	v.showErrors()
	delete(errs, FieldBudget) // a filled budget is not the artist's: the estimate replaces it
	if len(errs) > 0 {
		v.estimateText.SetText(fmt.Sprintf("Fix the %d field(s) marked above to estimate.", len(errs)))
		return
	}
	if !v.budgetEdited {
		// A budget the app filled in leaves out the members asking more
		// than its share a task; the next estimate must not be bound by
		// the last one's answer.
		spec.Budget = api.Tokens{}
	}
	path, c, pack := v.form.ScenePath, v.u.client, v.u.cfg.Pack
	v.estimateGen++
	gen := v.estimateGen
	v.estimateButton.Disable()
	v.estimateText.SetText("Estimating " + filepath.Base(path) + ": uploading the scene and rendering sample crops …")
	go func() {
		est, err := uploadAndEstimate(v.u.ctx, c, path, spec, pack)
		v.u.do(func() {
			if gen != v.estimateGen {
				return
			}
			v.estimateButton.Enable()
			if err != nil {
				v.estimateText.SetText("No estimate: " + err.Error())
				return
			}
			v.lastEstimate = &est
			v.estimateText.SetText(EstimateSummary(est))
			if !v.budgetEdited && est.Nodes > 0 && !est.CostHigh.IsZero() {
				v.settingBudget = true
				v.entries[FieldBudget].SetText(est.CostHigh.String())
				v.settingBudget = false
			}
		})
	}()
}

// uploadAndEstimate sends the scene as uploadAndSubmit does and asks for
// the job's estimate; nothing is created and nothing is locked.
func uploadAndEstimate(ctx context.Context, c *api.Client, path string, spec api.JobSpec, pack func(context.Context, string) ([]byte, error)) (api.Estimate, error) {
	var err error
	if spec.Scene, err = uploadScene(ctx, c, path, pack, nil); err != nil { // sent already when the scene was picked
		return api.Estimate{}, err
	}
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute) // sample renders of a heavy scene take a while
	defer cancel()
	return c.Estimate(ctx, spec)
}

// EstimateSummary says an estimate in the words `conun estimate` uses:
// render seconds, wall time and cost, each with its range.
func EstimateSummary(est api.Estimate) string {
	s := fmt.Sprintf("Estimate: %d tasks; render time %s (%s to %s)", est.Tasks,
		seconds(est.RenderSeconds), seconds(est.RenderSecondsLow), seconds(est.RenderSecondsHigh))
	if est.Nodes > 0 {
		s += fmt.Sprintf("; wall time %s (%s to %s) on %d nodes, %d slots; cost %s tokens (%s to %s): a budget of %s covers it at any member's price",
			seconds(est.WallSeconds), seconds(est.WallSecondsLow), seconds(est.WallSecondsHigh), est.Nodes, est.Slots,
			est.Cost, est.CostLow, est.CostHigh, est.CostHigh)
	}
	for _, n := range est.Notes {
		s += "\nNote: " + n
	}
	return s
}

// seconds writes a time in seconds the way a person reads it: 0.42s, 12s,
// 3m20s (as the CLI does).
func seconds(s float64) string {
	if s < 10 {
		return fmt.Sprintf("%.2fs", s)
	}
	return time.Duration(s * float64(time.Second)).Round(time.Second).String()
}
