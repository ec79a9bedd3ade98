package farm

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestFetchSummariesRefusesBadAnswers: a member whose answer does not
// check (a state that is none, an id that is not one, counts out of range,
// an error with terminal escapes) is not answering honestly: the whole
// answer is refused, its words quoted.
func TestFetchSummariesRefusesBadAnswers(t *testing.T) {
	tests := []struct {
		name, body string
		status     int
		wantErr    string
	}{
		{"good", `[{"id":"0123456789abcdef","state":"done","tasks_done":1,"tasks_total":1,"frames_done":1,"frames":1}]`, 200, ""},
		{"unknown state", `[{"id":"0123456789abcdef","state":"\u001b[31mpwned","tasks_done":0,"tasks_total":1,"frames_done":0,"frames":1}]`, 200, "none of a job's"},
		{"bad id", `[{"id":"../x","state":"done","tasks_done":1,"tasks_total":1,"frames_done":1,"frames":1}]`, 200, "job id"},
		{"counts", `[{"id":"0123456789abcdef","state":"done","tasks_done":5,"tasks_total":1,"frames_done":1,"frames":1}]`, 200, "out of range"},
		{"not JSON", `<html>`, 200, "its answer"},
		{"refusal with an escape", `{"error":"\u001b[2J no"}`, 500, `"\x1b[2J no"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
				rw.WriteHeader(tc.status)
				io.WriteString(rw, tc.body)
			}))
			defer srv.Close()
			sums, err := fetchSummaries(context.Background(), srv.Client(), srv.URL)
			if tc.wantErr == "" {
				if err != nil || len(sums) != 1 {
					t.Fatalf("got %v, %v; want one summary", sums, err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("err %v, want one saying %q", err, tc.wantErr)
			}
		})
	}
}
