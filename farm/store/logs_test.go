package store

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/conun/conun/farm/api"
)

// TestLogs: a task keeps its LogsPerTask latest leases' logs, across a
// reopen; a query picks tasks; DeleteLogs forgets the job's.
func TestLogs(t *testing.T) {
	path := filepath.Join(t.TempDir(), "db")
	s := open(t, path)
	for lease := 1; lease <= 5; lease++ {
		s.PutLog("j", api.TaskLog{Task: 0, Frame: 1, Lease: lease, Exit: api.LogFailed, Log: fmt.Sprintf("try %d", lease)})
	}
	if err := <-s.PutLog("j", api.TaskLog{Task: 1, Frame: 2, Lease: 1, Exit: api.LogOK, Log: "fine"}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s = open(t, path)

	tests := []struct {
		name string
		keep func(api.TaskLog) bool
		want []string
	}{
		{"all", nil, []string{"try 3", "try 4", "try 5", "fine"}},
		{"frame 2", func(l api.TaskLog) bool { return l.Frame == 2 }, []string{"fine"}},
		{"task 0", func(l api.TaskLog) bool { return l.Task == 0 }, []string{"try 3", "try 4", "try 5"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			logs, err := s.Logs("j", tc.keep)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, l := range logs {
				got = append(got, l.Log)
			}
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("logs %q, want %q", got, tc.want)
			}
		})
	}
	if err := <-s.DeleteLogs("j"); err != nil {
		t.Fatal(err)
	}
	if logs, err := s.Logs("j", nil); err != nil || len(logs) != 0 {
		t.Errorf("after DeleteLogs: %d logs, %v", len(logs), err)
	}
}
