package farm

// Resumable uploads, as the client API serves them (the store's side is
// blobstore/upload.go). A studio's scene can be gigabytes, sent over links
// that drop: an upload cut short keeps what arrived on the node, and the
// client carries on from there instead of from the first byte.
//
//	GET /v1/uploads/{hash}   {"received": N, "complete": false}
//	PUT /v1/blobs/{hash}     with Upload-Offset: N and Upload-Length: TOTAL
//
// The PUT appends its body at N, which must be exactly what the node holds
// (409 with the node's count otherwise). Once TOTAL bytes are in, the whole
// is checked against the hash and stored like any blob. A PUT without the
// headers sends the whole blob at once, as before.

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/blobstore"
)

// putUpload is PUT /v1/blobs/{hash} with Upload-Offset and Upload-Length.
func (n *Node) putUpload(rw http.ResponseWriter, r *http.Request) {
	offset, err1 := strconv.ParseInt(r.Header.Get(api.HeaderUploadOffset), 10, 64)
	total, err2 := strconv.ParseInt(r.Header.Get(api.HeaderUploadLength), 10, 64)
	if err1 != nil || err2 != nil {
		httpError(rw, http.StatusBadRequest, fmt.Errorf("%s and %s must both be byte counts", api.HeaderUploadOffset, api.HeaderUploadLength))
		return
	}
	h := r.PathValue("hash")
	have, done, err := n.work.blobs.PutAt(r.Body, h, offset, total)
	rw.Header().Set(api.HeaderUploadOffset, strconv.FormatInt(have, 10))
	switch {
	case errors.Is(err, blobstore.ErrUploadOffset):
		httpError(rw, http.StatusConflict, err)
	case err != nil:
		if errors.Is(err, blobstore.ErrBadBlob) {
			n.metrics.blobHashErrors.Add(1)
		}
		httpError(rw, statusOf(err), err)
	default:
		writeJSON(rw, map[string]any{"hash": h, "received": have, "complete": done})
	}
}

// getUpload is GET /v1/uploads/{hash}: how much of a blob the node holds.
func (n *Node) getUpload(rw http.ResponseWriter, r *http.Request) {
	have, complete, err := n.work.blobs.Received(r.PathValue("hash"))
	if err != nil {
		httpError(rw, statusOf(err), err)
		return
	}
	writeJSON(rw, api.UploadState{Received: have, Complete: complete})
}
