package farm

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/rpcaddr"
	"github.com/conun/conun/farm/tunnel"
)

// reachPath is where a reachable member dials a node's RPC address back
// for it, so the node learns whether it is behind NAT.
const reachPath = "/rpc/v1/reach"

// reachRequest asks to be dialled back at URL.
type reachRequest struct {
	URL string `json:"url"`
}

// reachAnswer says whether the member could dial the URL, the address the
// request came from, and otherwise why not.
type reachAnswer struct {
	Reachable bool   `json:"reachable"`
	Seen      string `json:"seen"`
	Error     string `json:"error,omitempty"`
}

// askReach asks up to three members reachable directly to dial url.
func askReach(ctx context.Context, members []api.Member, url string) (reachAnswer, error) {
	body, _ := json.Marshal(reachRequest{URL: url})
	var errs []error
	tried := 0
	hc := &http.Client{Timeout: 2 * reachTimeout} // a small answer, after one dial back of at most reachTimeout
	for _, m := range members {
		if strings.Contains(m.API, tunnel.RelayPrefix) || tried == 3 {
			continue
		}
		target, err := rpcaddr.Join(m.API, reachPath)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		tried++
		rctx, cancel := context.WithTimeout(ctx, 2*reachTimeout)
		req, _ := http.NewRequestWithContext(rctx, http.MethodPost, target, bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		resp, err := hc.Do(req)
		if err != nil {
			cancel()
			errs = append(errs, err)
			continue
		}
		var a reachAnswer
		err = json.NewDecoder(io.LimitReader(resp.Body, 4096)).Decode(&a)
		resp.Body.Close()
		cancel()
		if err != nil || resp.StatusCode != http.StatusOK {
			errs = append(errs, fmt.Errorf("%s%s: %s", m.API, reachPath, resp.Status))
			continue
		}
		return a, nil
	}
	if tried == 0 {
		return reachAnswer{}, errors.New("no member is reachable directly to ask")
	}
	return reachAnswer{}, errors.Join(errs...)
}

// reachTimeout bounds the dial back.
const reachTimeout = 3 * time.Second

// serveReach dials the caller back. It dials only the address the request
// came from, so a member cannot be made to scan other machines; a caller
// whose advertised host is not that address is behind NAT (or advertises
// the wrong address), which is the answer too.
func (n *Node) serveReach(rw http.ResponseWriter, r *http.Request) {
	var req reachRequest
	if err := json.NewDecoder(io.LimitReader(r.Body, 1024)).Decode(&req); err != nil {
		http.Error(rw, "reach: want {\"url\": \"http://HOST:PORT\"}", http.StatusBadRequest)
		return
	}
	u, err := url.Parse(req.URL)
	if err != nil || u.Scheme != "http" || u.Port() == "" {
		http.Error(rw, fmt.Sprintf("reach: url %q: want http://HOST:PORT", req.URL), http.StatusBadRequest)
		return
	}
	seen, _, _ := net.SplitHostPort(r.RemoteAddr)
	a := reachAnswer{Seen: seen}
	if ip := net.ParseIP(u.Hostname()); ip == nil || !ip.Equal(net.ParseIP(seen)) {
		a.Error = fmt.Sprintf("the request came from %s, not %s: behind NAT, or advertising another address", seen, u.Hostname())
	} else if c, err := net.DialTimeout("tcp", u.Host, reachTimeout); err != nil {
		a.Error = err.Error()
	} else {
		c.Close()
		a.Reachable = true
	}
	rw.Header().Set("Content-Type", "application/json")
	json.NewEncoder(rw).Encode(a)
}
