package httplimit

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"time"
)

// Deadlines wraps a handler with c's body and write deadlines, set on the
// connection through http.ResponseController per request. A request for a
// streaming route (uploads; streaming says which) gets a read deadline
// that each read extends by StallTimeout; any other must deliver its whole
// body within BodyTimeout. Every response may stall for StallTimeout at
// most per write, so downloads and event streams run as long as the client
// reads them, and a handler that works for minutes before it answers (a
// render) is not cut: no deadline runs before its first write.
func (c Config) Deadlines(streaming func(*http.Request) bool, next http.Handler) http.Handler {
	if c.BodyTimeout <= 0 && c.StallTimeout <= 0 {
		return next
	}
	return http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		rc := http.NewResponseController(rw)
		dw := &deadlineWriter{ResponseWriter: rw, rc: rc, stall: c.StallTimeout}
		// A keep-alive connection may carry the deadline of its last
		// response: this one starts with none.
		rc.SetWriteDeadline(time.Time{})
		if r.Body != nil && r.Body != http.NoBody {
			br := &deadlineBody{ReadCloser: r.Body, rc: rc}
			long := streaming(r)
			switch {
			case long && c.StallTimeout > 0:
				// Set now too: a handler that answers without reading
				// leaves the server to drain the body, with this deadline.
				br.stall = c.StallTimeout
				rc.SetReadDeadline(time.Now().Add(c.StallTimeout))
			case !long && c.BodyTimeout > 0:
				rc.SetReadDeadline(time.Now().Add(c.BodyTimeout))
			}
			r.Body = br
		}
		next.ServeHTTP(dw, r)
		if !dw.hijacked && c.StallTimeout > 0 {
			// What the server still writes after the handler (buffered
			// bytes, headers of an empty answer) gets one stall period.
			rc.SetWriteDeadline(time.Now().Add(c.StallTimeout))
		}
	})
}

// deadlineBody extends the read deadline before each read when stall is
// set, and lifts it once the body has ended: net/http keeps reading the
// connection in the background after that, and a deadline firing there
// would cancel the request's context while its handler still works. A
// body that fails keeps its deadline: the server drains what the handler
// left unread under it.
type deadlineBody struct {
	io.ReadCloser
	rc    *http.ResponseController
	stall time.Duration
	done  bool
}

func (b *deadlineBody) Read(p []byte) (int, error) {
	if b.stall > 0 && !b.done {
		b.rc.SetReadDeadline(time.Now().Add(b.stall))
	}
	n, err := b.ReadCloser.Read(p)
	if err == io.EOF && !b.done {
		b.done = true
		b.rc.SetReadDeadline(time.Time{})
	}
	return n, err
}

// deadlineWriter extends the write deadline before each write or flush.
type deadlineWriter struct {
	http.ResponseWriter
	rc       *http.ResponseController
	stall    time.Duration
	hijacked bool
}

func (w *deadlineWriter) extend() {
	if w.stall > 0 {
		w.rc.SetWriteDeadline(time.Now().Add(w.stall))
	}
}

func (w *deadlineWriter) WriteHeader(code int) {
	w.extend()
	w.ResponseWriter.WriteHeader(code)
}

// writeChunk is how much one Write may send under one extension of the
// deadline: a handler that writes a large buffer at once still gets its
// deadline extended as the client reads.
const writeChunk = 64 << 10

func (w *deadlineWriter) Write(p []byte) (int, error) {
	var n int
	for len(p) > 0 {
		w.extend()
		k, err := w.ResponseWriter.Write(p[:min(len(p), writeChunk)])
		n += k
		if err != nil {
			return n, err
		}
		p = p[k:]
	}
	return n, nil
}

// Flush is what event streams call after each event.
func (w *deadlineWriter) Flush() {
	w.extend()
	w.rc.Flush()
}

// Hijack hands the connection over with no deadline (a NATed node's
// tunnel lives on it) and stops this wrapper from setting one later.
func (w *deadlineWriter) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	conn, buf, err := w.rc.Hijack()
	if err != nil {
		return nil, nil, err
	}
	w.hijacked = true
	conn.SetDeadline(time.Time{})
	return conn, buf, nil
}

// Unwrap lets http.ResponseController reach the connection beneath.
func (w *deadlineWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

var (
	_ http.Flusher  = (*deadlineWriter)(nil)
	_ http.Hijacker = (*deadlineWriter)(nil)
)
