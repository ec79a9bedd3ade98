package gui

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2/widget"
	"github.com/conun/conun/farm/api"
)

// Markers that start the event log's lines about checks, so that verdicts
// and convictions stand out in the log (the log colours them too).
const (
	markGood = "✔"
	markBad  = "✖"
)

// verdict folds a "verdict" event into tile t (nil when the event names no
// tile in the plan) and returns its log line. The event carries the outcome
// only inside its message ("check by X (mode): pass|fail|uncertain ...",
// with "; convicted NODE" when someone was caught).
func (p *Progress) verdict(t *Tile, e api.Event) string {
	// A check that convicted its checker (the arbiter sided with the
	// worker) passed the worker's tile.
	liar := e.Convicted != "" && e.Convicted != e.Node
	passed := e.Verdict == api.CheckPass || liar
	failed := e.Verdict == api.CheckFail && !liar
	if t != nil {
		t.Message = e.Message
		switch {
		case passed:
			t.State = TileVerified
		case failed:
			t.State = TileFailedCheck
		case t.State == TileChecking:
			t.State = TileDone // uncertain: it stands, unchecked
		}
	}
	where := fmt.Sprintf("%s (%s)", taskName(e), e.Node)
	if node := e.Convicted; node != "" {
		if !slices.Contains(p.Convicted, node) {
			p.Convicted = append(p.Convicted, node)
		}
		return fmt.Sprintf("%s CONVICTED %s: %s %s", markBad, node, where, e.Message)
	}
	switch {
	case passed:
		return fmt.Sprintf("%s %s verified: %s", markGood, where, e.Message)
	case failed:
		return fmt.Sprintf("%s %s FAILED CHECK: %s", markBad, where, e.Message)
	}
	return fmt.Sprintf("%s: %s", where, e.Message)
}

// logImportance colours an event log line: convictions and failed checks
// red, passed checks green.
func logImportance(line string) widget.Importance {
	switch {
	case strings.Contains(line, markBad+" "):
		return widget.DangerImportance
	case strings.Contains(line, markGood+" "):
		return widget.SuccessImportance
	}
	return widget.MediumImportance
}

// Committed is the cost of the tiles accepted so far: each at the price its
// node advertises (what the coordinator charges the job for it). ok is
// false while the nodes' prices are unknown.
func (p *Progress) Committed() (tokens api.Tokens, ok bool) {
	if p.Prices == nil {
		return tokens, false
	}
	for _, t := range p.Tiles {
		if t.Accepted() {
			tokens = tokens.Add(p.Prices[t.Node])
		}
	}
	return tokens, true
}

// ApplyReport takes what the job's report says about checks that events do
// not: which accepted tiles are being checked. asOf is the Seq of the last
// event applied when the report was asked for; a tile with a later event
// keeps its state, since the events are the newer word on it. It reports
// whether any tile is being checked.
func (p *Progress) ApplyReport(r api.Report, asOf int) (checking bool) {
	for _, tr := range r.Tasks {
		if tr.Index < 0 || tr.Index >= len(p.Tiles) {
			continue
		}
		t := &p.Tiles[tr.Index]
		if t.seq > asOf {
			continue
		}
		switch {
		case tr.Verdict == api.VerdictChecking && t.State == TileDone:
			t.State = TileChecking
		case tr.Verdict == api.VerdictPassed && (t.State == TileDone || t.State == TileChecking):
			t.State = TileVerified
		}
		checking = checking || t.State == TileChecking
	}
	return checking
}
