package farm

import (
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/tiler"
	"golang.org/x/time/rate"
)

// A preview pass is unpaid and unchecked (preview.go), so without a bound
// a requester could render for free forever by submitting previews and
// never approving. Each requester has a budget of preview work instead,
// in pixel-samples (a frame's width x height x samples), refilled
// steadily over previewWindow: the coordinator charges a whole preview
// pass to the API client that submits it, and every worker charges each
// preview frame it renders to the coordinator that leased it (the
// requester's node), so a requester who runs its own coordinator, and
// lies about its clients, is held to the budget on every worker all the
// same.

const (
	// previewWindow is how long an empty preview budget takes to refill.
	previewWindow = time.Hour
	// previewFrames is how many frames of the largest preview
	// (api.PreviewMaxWidth x api.PreviewMaxHeight at
	// api.PreviewMaxSamples) a budget holds: a few previews of a long
	// shot an hour (a 250-frame 16:9 preview is about 140 of them).
	previewFrames = 240
	// previewBudget is a requester's budget, in pixel-samples.
	previewBudget = previewFrames * api.PreviewMaxWidth * api.PreviewMaxHeight * api.PreviewMaxSamples
	// maxPreviewRequesters bounds the requesters a node keeps a budget
	// for: membership and client names are cheap to make.
	maxPreviewRequesters = 4096
)

// errPreviewBudget marks a preview refused because its requester spent
// its preview budget; answered 429.
var errPreviewBudget = errors.New("preview budget spent")

// previewLimits holds each requester's preview budget.
type previewLimits struct {
	mu  sync.Mutex
	per map[string]*rate.Limiter
	// budget is each requester's, in pixel-samples; 0 is previewBudget.
	budget int64
}

// previewCost is what a preview of frames frames of width x height at
// samples costs a budget.
func previewCost(frames, width, height, samples int) int64 {
	return int64(frames) * int64(width) * int64(height) * int64(max(samples, 1))
}

// take charges cost pixel-samples to who's budget, or says, wrapping
// errPreviewBudget, what the budget is and when the preview would fit.
func (l *previewLimits) take(who string, cost int64, now time.Time) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	budget := l.budget
	if budget == 0 {
		budget = previewBudget
	}
	if l.per == nil {
		l.per = make(map[string]*rate.Limiter)
	}
	lim, ok := l.per[who]
	if !ok {
		if len(l.per) >= maxPreviewRequesters {
			// A full budget holds nothing worth keeping; when every one
			// is in use, all start afresh rather than refuse newcomers.
			for k, v := range l.per {
				if v.TokensAt(now) >= float64(budget) {
					delete(l.per, k)
				}
			}
			if len(l.per) >= maxPreviewRequesters {
				clear(l.per)
			}
		}
		lim = rate.NewLimiter(rate.Limit(float64(budget)/previewWindow.Seconds()), int(budget))
		l.per[who] = lim
	}
	limit := fmt.Sprintf("a requester's preview budget is %d pixel-samples (width x height x samples of each frame; %.1f frames of %dx%d at %d samples), refilled over %v",
		budget, float64(budget)/(api.PreviewMaxWidth*api.PreviewMaxHeight*api.PreviewMaxSamples), api.PreviewMaxWidth, api.PreviewMaxHeight, api.PreviewMaxSamples, previewWindow)
	if cost > budget {
		return fmt.Errorf("%w: %s asks for %d pixel-samples of preview, more than the whole budget: %s; preview fewer frames (--frames), or submit without --preview", errPreviewBudget, who, cost, limit)
	}
	if !lim.AllowN(now, int(cost)) {
		left := lim.TokensAt(now)
		wait := time.Duration((float64(cost) - left) / float64(lim.Limit()) * float64(time.Second))
		return fmt.Errorf("%w: %s asks for %d pixel-samples of preview and has %.0f left: %s; try again in %v, or submit without --preview", errPreviewBudget, who, cost, max(left, 0), limit, wait.Round(time.Second))
	}
	return nil
}

// frameCount is how many frames f names (f is validated: Step >= 1).
func frameCount(f tiler.Frames) int {
	if f.End < f.Start {
		return 0
	}
	return (f.End-f.Start)/max(f.Step, 1) + 1
}
