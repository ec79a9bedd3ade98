package farm

import (
	"bytes"
	"errors"
	"slices"
	"testing"

	"github.com/conun/conun/farm/api"
)

// FuzzRequeueRequest: a requeue request from a client is refused as a bad
// request or names frames whose membership test agrees with their list.
func FuzzRequeueRequest(f *testing.F) {
	for _, seed := range []string{``, `{}`, `{"failed":true}`, `{"frames":"2"}`, `{"frames":"1-9:2"}`, `{"frames":"3-1"}`,
		`{"frames":"-5--1"}`, `{"frames":"1-2147483647:1073741824"}`, `{"frames":2}`, `{"frame":"2"}`, `{"frames":"2"} {"x":1}`} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		want, failedOnly, err := decodeRequeue(bytes.NewReader(data))
		if err != nil {
			if !errors.Is(err, api.ErrBadJob) {
				t.Fatalf("%q: error %v is not a bad request", data, err)
			}
			return
		}
		if want == nil && !failedOnly {
			t.Fatalf("%q: a requeue of every frame, rendered ones too", data)
		}
		if want == nil || want.End-want.Start > 1000 {
			return
		}
		list := want.List()
		for f := want.Start - 2; f <= want.End+2; f++ {
			if inFrames(*want, f) != slices.Contains(list, f) {
				t.Fatalf("%q: frame %d: in the range %v, but the range lists %v", data, f, inFrames(*want, f), list)
			}
		}
	})
}
