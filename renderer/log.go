package renderer

import (
	"bytes"
	"errors"
	"strings"
	"sync"
)

// Bounds of a task's log (Result.Log): what a renderer printed for one
// task can be anything up to gigabytes (a scene's script printing in a
// loop), and a log travels with the result and is kept per task.
const (
	// LogTailBytes is how much of the end of the output a log keeps.
	LogTailBytes = 16 << 10
	// LogWarningBytes bounds the warning and error lines kept in full,
	// wherever they came in the output: Blender's "Warning: missing
	// texture" is often printed long before the tail starts.
	LogWarningBytes = 8 << 10
	// MaxLogBytes bounds a whole log: the warnings, the tail and the two
	// headers between them.
	MaxLogBytes = LogTailBytes + LogWarningBytes + 256
	// maxLineBytes bounds one line held while it is being written: a
	// renderer printing without newlines must not grow memory.
	maxLineBytes = 4 << 10
)

// LogTail is a bounded log of a renderer's output: the last LogTailBytes
// of it, plus the lines that hold "Warning" or "Error" (up to
// LogWarningBytes of them, the first ones). It is an io.Writer, safe for
// concurrent use; the zero value is ready.
type LogTail struct {
	mu       sync.Mutex
	tail     []byte // a ring of the last LogTailBytes written
	start    int    // where the ring's oldest byte is, once full
	full     bool
	written  int64
	line     []byte // the line being written, for warning detection
	warnings []byte
	dropped  int // warning lines past LogWarningBytes
}

// Write keeps p's end and its warning lines; it never fails.
func (l *LogTail) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := len(p)
	l.written += int64(n)
	l.ring(p)
	for len(p) > 0 {
		i := bytes.IndexByte(p, '\n')
		chunk := p
		if i >= 0 {
			chunk = p[:i]
		}
		if room := maxLineBytes - len(l.line); room > 0 {
			l.line = append(l.line, chunk[:min(len(chunk), room)]...)
		}
		if i < 0 {
			break
		}
		l.endLine()
		p = p[i+1:]
	}
	return n, nil
}

// WriteLine writes s and a newline.
func (l *LogTail) WriteLine(s string) {
	l.Write([]byte(s + "\n"))
}

func (l *LogTail) ring(p []byte) {
	if len(p) >= LogTailBytes {
		l.tail = append(l.tail[:0], p[len(p)-LogTailBytes:]...)
		l.start, l.full = 0, true
		return
	}
	if !l.full {
		if room := LogTailBytes - len(l.tail); len(p) <= room {
			l.tail = append(l.tail, p...)
			l.full = len(l.tail) == LogTailBytes
			return
		}
		room := LogTailBytes - len(l.tail)
		l.tail = append(l.tail, p[:room]...)
		l.full, l.start = true, 0
		p = p[room:]
	}
	for len(p) > 0 {
		n := copy(l.tail[l.start:], p)
		p = p[n:]
		l.start = (l.start + n) % LogTailBytes
	}
}

// isWarning reports whether a line is one an artist must see: Blender's
// "Warning: ..." and "Error: ..." lines, and the like of other programs.
func isWarning(line []byte) bool {
	return bytes.Contains(line, []byte("Warning")) || bytes.Contains(line, []byte("WARNING")) ||
		bytes.Contains(line, []byte("Error")) || bytes.Contains(line, []byte("ERROR"))
}

func (l *LogTail) endLine() {
	if isWarning(l.line) {
		if len(l.warnings)+len(l.line)+1 <= LogWarningBytes {
			l.warnings = append(append(l.warnings, l.line...), '\n')
		} else {
			l.dropped++
		}
	}
	l.line = l.line[:0]
}

// Len is how many bytes were written in all, kept or not.
func (l *LogTail) Len() int64 {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.written
}

// String is the log: the warning lines (when there were any) under a
// header, then the output's tail, its cut first line marked. It is at
// most MaxLogBytes long.
func (l *LogTail) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	var b strings.Builder
	if len(l.warnings) > 0 {
		b.WriteString("--- warnings and errors ---\n")
		b.Write(l.warnings)
		if l.dropped > 0 {
			b.WriteString("(more warning lines not kept)\n")
		}
		b.WriteString("--- output ---\n")
	}
	tail := l.tail
	if l.full {
		tail = append(append([]byte(nil), l.tail[l.start:]...), l.tail[:l.start]...)
	}
	if int64(len(tail)) < l.written {
		b.WriteString("[... earlier output not kept]\n")
		if i := bytes.IndexByte(tail, '\n'); i >= 0 && i < len(tail)-1 {
			tail = tail[i+1:] // a cut line says nothing
		}
	}
	b.Write(tail)
	return strings.ToValidUTF8(b.String(), "?") // "?": never longer than the bytes it replaces
}

// LogError is a render's error with the renderer's log of the task:
// what a failed task printed is what its artist needs most.
type LogError struct {
	Err error
	Log string
}

func (e *LogError) Error() string { return e.Err.Error() }

// Unwrap returns the render's error.
func (e *LogError) Unwrap() error { return e.Err }

// WithLog attaches a task's log to its error; an empty log leaves err as
// it is.
func WithLog(err error, log string) error {
	if err == nil || log == "" {
		return err
	}
	return &LogError{Err: err, Log: log}
}

// ErrorLog is the task log attached to err by WithLog, or "".
func ErrorLog(err error) string {
	var le *LogError
	if errors.As(err, &le) {
		return le.Log
	}
	return ""
}
