// Package bandwidth caps the bytes a second a node's blob transfers take,
// all of them together, with a token bucket.
package bandwidth

import (
	"context"
	"io"
	"net/http"

	"golang.org/x/time/rate"
)

// Limiter is a cap in bytes a second shared by every transfer it wraps. A
// nil *Limiter is no cap, so callers wrap unconditionally.
type Limiter struct {
	bucket *rate.Limiter
	chunk  int // the most bytes one Read or Write moves between waits
}

// New returns a limiter of bytesPerSec, or nil (no cap) for 0 or less.
// Its burst, what may pass at once after a quiet spell, is an eighth of a
// second's worth (at least one byte, at most 1 MiB): small enough that a
// transfer of a few seconds is paced by the rate, not the burst.
func New(bytesPerSec int64) *Limiter {
	if bytesPerSec <= 0 {
		return nil
	}
	burst := int(min(max(bytesPerSec/8, 1), 1<<20))
	return &Limiter{bucket: rate.NewLimiter(rate.Limit(bytesPerSec), burst), chunk: burst}
}

// Burst is how many bytes may pass at once: a measurement of the rate
// leaves it out.
func (l *Limiter) Burst() int {
	if l == nil {
		return 0
	}
	return l.chunk
}

// Reader returns r read at no more than l's rate; waiting ends with ctx.
// What it reads is taken from the bucket after it arrives, which holds
// back the next read, and so, over TCP, the sender.
func (l *Limiter) Reader(ctx context.Context, r io.Reader) io.Reader {
	if l == nil {
		return r
	}
	return &reader{l: l, ctx: ctx, r: r}
}

type reader struct {
	l   *Limiter
	ctx context.Context
	r   io.Reader
}

func (r *reader) Read(p []byte) (int, error) {
	if len(p) > r.l.chunk {
		p = p[:r.l.chunk]
	}
	n, err := r.r.Read(p)
	if n > 0 {
		if werr := r.l.bucket.WaitN(r.ctx, n); werr != nil && err == nil {
			err = werr
		}
	}
	return n, err
}

// ResponseWriter returns w whose body is written at no more than l's
// rate; waiting ends with ctx (the request's). It hides w's io.ReaderFrom,
// so http.ServeFile copies through Write rather than sendfile.
func (l *Limiter) ResponseWriter(ctx context.Context, w http.ResponseWriter) http.ResponseWriter {
	if l == nil {
		return w
	}
	return &responseWriter{ResponseWriter: w, l: l, ctx: ctx}
}

type responseWriter struct {
	http.ResponseWriter
	l   *Limiter
	ctx context.Context
}

func (w *responseWriter) Write(p []byte) (int, error) {
	written := 0
	for len(p) > 0 {
		n := min(len(p), w.l.chunk)
		if err := w.l.bucket.WaitN(w.ctx, n); err != nil {
			return written, err
		}
		m, err := w.ResponseWriter.Write(p[:n])
		written += m
		if err != nil {
			return written, err
		}
		p = p[n:]
	}
	return written, nil
}

// Unwrap lets http.ResponseController reach w's own deadlines and flush.
func (w *responseWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
