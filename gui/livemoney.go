package gui

import (
	"context"
	"maps"
	"time"

	"fyne.io/fyne/v2/widget"
	"github.com/conun/conun/farm/api"
)

// pollEvery is how often, at most, the live view reads a running job's
// report to learn which tiles are being checked (events only carry a
// check's verdict, not its start).
const pollEvery = time.Second

// prices reads the nodes' advertised prices for a job that pays (nil for a
// free job, or when the node cannot say), so the live view can add up the
// committed cost. It runs off the UI goroutine.
func (l *liveView) prices(ctx context.Context, c *api.Client, spec api.JobSpec) map[string]api.Tokens {
	if spec.Budget.IsZero() {
		return nil
	}
	ctx, cancel := context.WithTimeout(ctx, callTimeout)
	defer cancel()
	members, err := c.Nodes(ctx)
	if err != nil {
		return nil
	}
	prices := map[string]api.Tokens{}
	for _, m := range members {
		prices[m.ID] = m.Price
	}
	return prices
}

// learnPrices re-reads the prices when node, which the view has no price
// for, leases a tile (it joined after the view opened). A node the cluster
// no longer lists counts as free, so it is not asked about again.
func (l *liveView) learnPrices(gen int, node string) {
	if l.pricing || l.prog == nil || l.prog.Prices == nil {
		return
	}
	l.pricing = true
	c, spec := l.u.client, l.prog.Spec
	go func() {
		prices := l.prices(l.u.ctx, c, spec)
		l.u.do(func() {
			l.pricing = false
			if gen == l.gen && l.prog != nil && prices != nil {
				maps.Copy(l.prog.Prices, prices)
				if _, ok := prices[node]; !ok {
					l.prog.Prices[node] = api.Tokens{}
				}
				l.refresh()
			}
		})
	}()
}

// committed is the committed cost of job id for the jobs list, when the
// live view follows that job and knows the prices; else nil.
func (l *liveView) committed(id string) *api.Tokens {
	if l.prog == nil || l.prog.JobID != id {
		return nil
	}
	if cost, ok := l.prog.Committed(); ok {
		return &cost
	}
	return nil
}

// maybePoll reads the running job's report, at most every pollEvery, while
// some accepted tile may be under a check; a report that shows checks in
// flight asks for another look later, since no event says when they start.
func (l *liveView) maybePoll(gen int) {
	p := l.prog
	if p == nil || p.State.Final() || l.polling || time.Since(l.polled) < pollEvery || p.Count(TileDone)+p.Count(TileChecking) == 0 {
		return
	}
	l.polling, l.polled = true, time.Now()
	c, id, asOf := l.u.client, p.JobID, p.seq
	go func() {
		ctx, cancel := context.WithTimeout(l.u.ctx, callTimeout)
		r, err := c.Report(ctx, id)
		cancel()
		l.u.do(func() {
			if gen != l.gen {
				return
			}
			l.polling = false
			if err != nil || l.prog.State.Final() {
				return
			}
			if l.prog.ApplyReport(r, asOf) {
				time.AfterFunc(pollEvery, func() {
					if l.u.ctx.Err() == nil {
						l.u.do(func() {
							if gen == l.gen {
								l.maybePoll(gen)
							}
						})
					}
				})
			}
			l.refresh()
		})
	}()
}

// readReport reads the finished job's report and shows its settlement and
// convictions.
func (l *liveView) readReport(gen int) {
	c, id := l.u.client, l.prog.JobID
	go func() {
		ctx, cancel := context.WithTimeout(l.u.ctx, callTimeout)
		r, err := c.Report(ctx, id)
		cancel()
		l.u.do(func() {
			if gen != l.gen {
				return
			}
			if err != nil {
				l.prog.Log = append(l.prog.Log, "read the job's report: "+err.Error())
				l.refresh()
				return
			}
			text := settlementText(r)
			l.money.Importance = widget.MediumImportance
			if len(r.Convictions) > 0 {
				l.money.Importance = widget.DangerImportance
				l.showEvidence(gen, r)
			}
			l.money.SetText(text)
			if text != "" {
				l.money.Show()
			}
			l.refresh()
		})
	}()
}

// showEvidence fetches and shows the convictions' crops off the UI
// goroutine.
func (l *liveView) showEvidence(gen int, r api.Report) {
	c := l.u.client
	go func() {
		ctx, cancel := context.WithTimeout(l.u.ctx, callTimeout)
		crops := fetchEvidence(ctx, c, r)
		cancel()
		l.u.do(func() {
			if gen != l.gen {
				return
			}
			l.evidence.Objects = evidenceObjects(crops)
			l.evidence.Refresh()
		})
	}()
}
