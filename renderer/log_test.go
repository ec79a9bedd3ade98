package renderer

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestLogTail(t *testing.T) {
	tests := []struct {
		name     string
		write    func(l *LogTail)
		contains []string
		lacks    []string
		maxLen   int
	}{
		{
			name: "short output whole",
			write: func(l *LogTail) {
				l.WriteLine("Fra:1 Mem:10M | Rendering 1 / 16 samples")
				l.WriteLine("Saved: out.png")
			},
			contains: []string{"Fra:1 Mem:10M | Rendering 1 / 16 samples\nSaved: out.png\n"},
			lacks:    []string{"earlier output", "--- warnings"},
		},
		{
			name: "100 MB keeps the tail and the early warning",
			write: func(l *LogTail) {
				l.WriteLine("Warning: image missing: //tex/wood.png")
				line := bytes.Repeat([]byte("x"), 1023)
				line = append(line, '\n')
				for range 100 << 10 { // 100 MiB in 1 KiB lines
					l.Write(line)
				}
				l.WriteLine("Saved: the end")
			},
			contains: []string{"--- warnings and errors ---\nWarning: image missing: //tex/wood.png\n", "[... earlier output not kept]\n", "Saved: the end\n"},
			maxLen:   MaxLogBytes,
		},
		{
			name: "one huge line without newlines",
			write: func(l *LogTail) {
				l.Write(bytes.Repeat([]byte("Error y"), 10<<20))
			},
			maxLen: MaxLogBytes,
		},
		{
			name: "warnings past their bound are counted, not kept",
			write: func(l *LogTail) {
				for i := range 2000 {
					l.WriteLine(fmt.Sprintf("Warning %d", i))
				}
			},
			contains: []string{"Warning 0\n", "(more warning lines not kept)", "Warning 1999\n"},
			maxLen:   MaxLogBytes,
		},
		{
			name: "writes split across lines and ring wrap",
			write: func(l *LogTail) {
				for i := range 5000 {
					fmt.Fprintf(l, "line %d", i)
					l.Write([]byte("\n"))
				}
			},
			contains: []string{"line 4999\n"},
			lacks:    []string{"line 0\n", "--- warnings"},
			maxLen:   MaxLogBytes,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var l LogTail
			tc.write(&l)
			got := l.String()
			for _, c := range tc.contains {
				if !strings.Contains(got, c) {
					t.Errorf("log lacks %q; its end:\n%s", c, got[max(0, len(got)-300):])
				}
			}
			for _, c := range tc.lacks {
				if strings.Contains(got, c) {
					t.Errorf("log holds %q", c)
				}
			}
			if tc.maxLen > 0 && len(got) > tc.maxLen {
				t.Errorf("log is %d bytes, want <= %d", len(got), tc.maxLen)
			}
		})
	}
}

func TestErrorLog(t *testing.T) {
	base := errors.New("blender: frame 3: out of memory")
	err := fmt.Errorf("render job ab task 2: %w", WithLog(base, "Fra:3 ...\nError: Out of memory\n"))
	if got := ErrorLog(err); !strings.Contains(got, "Error: Out of memory") {
		t.Errorf("ErrorLog = %q", got)
	}
	if !errors.Is(err, base) {
		t.Error("WithLog hides the error it wraps")
	}
	if ErrorLog(base) != "" || WithLog(base, "") != base || WithLog(nil, "x") != nil {
		t.Error("WithLog/ErrorLog without a log changed something")
	}
}
