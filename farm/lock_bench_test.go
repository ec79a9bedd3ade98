package farm_test

import (
	"context"
	"fmt"
	"image"
	"net/http"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/conun/conun/farm"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/farmtest"
	"github.com/conun/conun/renderer"
	"github.com/conun/conun/tiler"
)

// noiseRenderer is instantRenderer with pixels a frame really has: a smooth
// gradient under ten bits of per-pixel noise, the way a path-traced frame
// looks at 16 bits. Black tiles deflate to almost nothing, so a black 4K
// frame would make assembly (decode every tile, encode the frame) look far
// cheaper than it is. Tasks of at most smallTask pixels take delay, like a
// render on another machine, so the coordinator's lease rate has a ceiling
// (slots/delay) it either keeps up with or not, instead of competing with
// the assembly for this machine's cores.
type noiseRenderer struct {
	instantRenderer
	delay time.Duration
}

// smallTask is the largest task, in pixels, that noiseRenderer delays.
const smallTask = 64 * 64

func (r noiseRenderer) Render(ctx context.Context, t renderer.Task) (renderer.Result, error) {
	rect := t.Rect()
	if rect.Dx()*rect.Dy() <= smallTask && r.delay > 0 {
		select {
		case <-time.After(r.delay):
		case <-ctx.Done():
			return renderer.Result{}, ctx.Err()
		}
	}
	img := image.NewNRGBA64(rect)
	seed := uint32(t.Frame)*0x9e3779b9 + uint32(rect.Min.X)*0x85ebca6b + uint32(rect.Min.Y)*0xc2b2ae35 | 1
	for y := rect.Min.Y; y < rect.Max.Y; y++ {
		row := img.Pix[(y-rect.Min.Y)*img.Stride:]
		for x := rect.Min.X; x < rect.Max.X; x++ {
			seed ^= seed << 13
			seed ^= seed >> 17
			seed ^= seed << 5
			noise := seed & 0x3ff
			base := [3]uint32{uint32(x) * 65535 / uint32(max(t.Width, 1)), uint32(y) * 65535 / uint32(max(t.Height, 1)), uint32(x+y) * 16}
			p := row[(x-rect.Min.X)*8:]
			for c, v := range base {
				v = min((v&0xffff)+noise>>(c*2)&0x3ff, 0xffff)
				p[2*c], p[2*c+1] = uint8(v>>8), uint8(v)
			}
			p[6], p[7] = 0xff, 0xff
		}
	}
	return renderer.Result{Image: img}, nil
}

// Shape of BenchmarkAssemblyContention.
const (
	contentionReaders   = 100                   // concurrent API readers
	contentionReadPause = 20 * time.Millisecond // each reader's pause between reads
	contentionSlots     = 2                     // the node's render slots
	contentionDelay     = 40 * time.Millisecond // a tiny task's render: at most slots/delay = 50 leases/s
	contentionBaseline  = 150                   // tiny tasks accepted before the 4K job is submitted
)

// timedRead is one API read: when it started and how long it took.
type timedRead struct {
	start time.Time
	took  time.Duration
}

// BenchmarkAssemblyContention measures what assembling a 4K 16-bit frame
// costs everything else a coordinator does: issue 12's goal is that API
// reads keep answering (p99 < 50 ms) and leases keep their pace (within
// 10%) while it runs. One node renders two jobs: a 1000-task job of 8x8
// tiles that keeps leasing, and, once 150 of those are accepted, a
// higher-priority 3840x2160 16-bit frame of 4x4 tiles, while 100 readers
// poll the small job's status (GET /v1/jobs/{id}). The assembly window runs
// from the frame's last tile's "done" event to its "frame" event (the
// coordinator's clock, from the event stream); "outside" is the small job's
// life minus the span from the 4K submission to the frame, so the 4K
// tiles' own renders and uploads count in neither. max-lease-gap-during-ms
// is the longest the small job went without a lease in the assembly: the
// plainest sign of a lock held over it. The log has the run's timeline.
//
// Both jobs run on one 2-core machine in one process, so a read's latency
// also includes waiting for a core: compare during with outside, not with
// zero.
func BenchmarkAssemblyContention(b *testing.B) {
	nodes := farmtest.Start(b, 1, func(i int, c *farm.NodeConfig) {
		c.Renderers = []renderer.Renderer{noiseRenderer{delay: contentionDelay}}
		c.Slots = contentionSlots
	})
	transport := http.DefaultTransport.(*http.Transport).Clone()
	transport.MaxIdleConnsPerHost = contentionReaders + 8 // no reconnects: measure the node, not the dialer
	b.Cleanup(transport.CloseIdleConnections)
	c := api.NewClient(nodes[0].URL())
	c.HTTP = &http.Client{Transport: transport}
	ctx := context.Background()
	hash, err := c.Upload(ctx, []byte("a noisy instant scene"))
	if err != nil {
		b.Fatal(err)
	}
	frame := tiler.Frames{Start: 1, End: 1, Step: 1}
	small := api.JobSpec{
		Scene: hash, SceneName: "x.glb", Renderer: "pathtracer", Frames: frame,
		Resolution: tiler.Resolution{Width: 320, Height: 200}, Samples: 1, Tiles: tiler.Grid{Cols: 40, Rows: 25}, Depth: 16,
	}
	big := api.JobSpec{
		Scene: hash, SceneName: "x.glb", Renderer: "pathtracer", Frames: frame,
		Resolution: tiler.Resolution{Width: 3840, Height: 2160}, Samples: 1, Tiles: tiler.Grid{Cols: 4, Rows: 4}, Depth: 16,
		Priority: 1,
	}
	var (
		during, outside       []time.Duration
		assembly, leaseGap    time.Duration
		leaseDuring, leaseOut float64
		reads                 int
		wall                  time.Duration
	)
	for i := 0; b.Loop(); i++ {
		start := time.Now()
		small.Nonce, big.Nonce = fmt.Sprint("small-", i), fmt.Sprint("big-", i)
		r := runContention(b, c, small, big)
		wall += time.Since(start)
		reads += len(r.reads)
		assembly += r.assemblyEnd.Sub(r.assemblyStart)
		leaseGap = max(leaseGap, r.leaseGap())
		d, o := r.latencies()
		during, outside = append(during, d...), append(outside, o...)
		ld, lo := r.leaseRates()
		leaseDuring += ld
		leaseOut += lo
	}
	n := float64(b.N)
	b.ReportMetric(ms(percentile(during, 0.99)), "p99-read-during-ms")
	b.ReportMetric(ms(percentile(outside, 0.99)), "p99-read-outside-ms")
	b.ReportMetric(ms(percentile(during, 0.50)), "p50-read-during-ms")
	b.ReportMetric(ms(percentile(outside, 0.50)), "p50-read-outside-ms")
	b.ReportMetric(ms(slices.Max(append(during, 0))), "max-read-during-ms")
	b.ReportMetric(assembly.Seconds()/n, "assembly-s")
	b.ReportMetric(leaseDuring/n, "leases/s-during")
	b.ReportMetric(leaseOut/n, "leases/s-outside")
	b.ReportMetric(ms(leaseGap), "max-lease-gap-during-ms")
	b.ReportMetric(leaseDuring/leaseOut, "lease-during/outside")
	b.ReportMetric(float64(reads)/wall.Seconds(), "reads/s")
}

// contention is what one run of BenchmarkAssemblyContention saw.
type contention struct {
	reads                      []timedRead
	smallLeases                []time.Time // the small job's "leased" events
	bigSubmitted               time.Time
	assemblyStart, assemblyEnd time.Time
}

// runContention runs the small job, submits the big one once the small one
// has accepted contentionBaseline tasks, and reads the small job's status
// from contentionReaders goroutines until both jobs end.
func runContention(b *testing.B, c *api.Client, small, big api.JobSpec) contention {
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	smallID, err := c.Submit(ctx, small)
	if err != nil {
		b.Fatal(err)
	}
	var r contention
	var readers sync.WaitGroup
	perReader := make([][]timedRead, contentionReaders)
	for i := range perReader {
		readers.Go(func() {
			for ctx.Err() == nil {
				start := time.Now()
				if _, err := c.Status(ctx, smallID); err != nil {
					if ctx.Err() == nil {
						b.Error(err)
					}
					return
				}
				perReader[i] = append(perReader[i], timedRead{start, time.Since(start)})
				select {
				case <-time.After(contentionReadPause):
				case <-ctx.Done():
				}
			}
		})
	}

	bigID := make(chan string, 1)
	var streams sync.WaitGroup
	streams.Go(func() {
		accepted, submitted := 0, false
		state, err := c.Events(ctx, smallID, func(e api.Event) error {
			switch e.Type {
			case api.EventLeased:
				r.smallLeases = append(r.smallLeases, e.Time)
			case api.EventDone:
				if accepted++; accepted == contentionBaseline && !submitted {
					submitted = true
					r.bigSubmitted = time.Now()
					id, err := c.Submit(ctx, big)
					if err != nil {
						return err
					}
					bigID <- id
				}
			}
			return nil
		})
		if err != nil || state != api.JobDone {
			b.Errorf("small job: %s %v", state, err)
		}
		if !submitted {
			close(bigID)
		}
	})
	if id, ok := <-bigID; ok {
		state, err := c.Events(ctx, id, func(e api.Event) error {
			switch e.Type {
			case api.EventDone:
				r.assemblyStart = e.Time // the frame's only: the last is the one that counts
			case api.EventFrame:
				r.assemblyEnd = e.Time
			}
			return nil
		})
		if err != nil || state != api.JobDone {
			b.Errorf("4K job: %s %v", state, err)
		}
	}
	streams.Wait()
	stop()
	readers.Wait()
	if b.Failed() {
		b.FailNow()
	}
	for _, rs := range perReader {
		r.reads = append(r.reads, rs...)
	}
	if last := r.smallLeases[len(r.smallLeases)-1]; last.Before(r.assemblyEnd) {
		b.Logf("the small job's last lease (%s) came before the frame was written (%s): the during rate is low by the idle rest",
			last.Format(time.StampMilli), r.assemblyEnd.Format(time.StampMilli))
	}
	b.Logf("assembly %.1f s; the small job's leases / slowest read per 0.5 s, from 3 s before it: %s",
		r.assemblyEnd.Sub(r.assemblyStart).Seconds(), r.timeline(500*time.Millisecond, 3*time.Second))
	return r
}

// timeline tells leases from reads' latency slowing them: per step, from
// margin before the assembly to margin after, the small job's leases and
// the slowest read started in it. A lock held over the assembly shows as
// steps with no lease at all; a busy CPU, as fewer.
func (r contention) timeline(step, margin time.Duration) string {
	var line []byte
	for t := r.assemblyStart.Add(-margin); t.Before(r.assemblyEnd.Add(margin)); t = t.Add(step) {
		n, slowest := 0, time.Duration(0)
		for _, l := range r.smallLeases {
			if !l.Before(t) && l.Before(t.Add(step)) {
				n++
			}
		}
		for _, rd := range r.reads {
			if !rd.start.Before(t) && rd.start.Before(t.Add(step)) {
				slowest = max(slowest, rd.took)
			}
		}
		line = fmt.Appendf(line, "%+.1fs:%d/%dms ", t.Sub(r.assemblyStart).Seconds(), n, slowest.Milliseconds())
	}
	return string(line)
}

// leaseGap returns the longest the small job went without a lease during
// the assembly (its edges included): about the assembly's length if the
// lock is held over it, about the lease interval if not.
func (r contention) leaseGap() time.Duration {
	prev, gap := r.assemblyStart, time.Duration(0)
	for _, t := range r.smallLeases {
		if t.After(r.assemblyStart) && t.Before(r.assemblyEnd) {
			gap = max(gap, t.Sub(prev))
			prev = t
		}
	}
	return max(gap, r.assemblyEnd.Sub(prev))
}

// latencies splits the reads into those that overlapped the assembly and
// those that overlapped neither it nor the 4K job's renders before it.
func (r contention) latencies() (during, outside []time.Duration) {
	for _, rd := range r.reads {
		end := rd.start.Add(rd.took)
		switch {
		case end.After(r.assemblyStart) && rd.start.Before(r.assemblyEnd):
			during = append(during, rd.took)
		case end.Before(r.bigSubmitted) || rd.start.After(r.assemblyEnd):
			outside = append(outside, rd.took)
		}
	}
	return during, outside
}

// leaseRates returns the small job's leases per second during the assembly
// and outside it (its first to last lease, less the 4K job's span).
func (r contention) leaseRates() (during, outside float64) {
	first, last := r.smallLeases[0], r.smallLeases[len(r.smallLeases)-1]
	var in, out int
	for _, t := range r.smallLeases {
		switch {
		case !t.Before(r.assemblyStart) && !t.After(r.assemblyEnd):
			in++
		case t.Before(r.bigSubmitted) || t.After(r.assemblyEnd):
			out++
		}
	}
	outSpan := r.bigSubmitted.Sub(first) + max(last.Sub(r.assemblyEnd), 0)
	return float64(in) / r.assemblyEnd.Sub(r.assemblyStart).Seconds(), float64(out) / outSpan.Seconds()
}

// percentile returns the p-th quantile of ds (nearest rank), 0 for none.
func percentile(ds []time.Duration, p float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[min(int(p*float64(len(s))), len(s)-1)]
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
