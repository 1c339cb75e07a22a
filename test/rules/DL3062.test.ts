import { describe, it } from 'node:test';
import { assertCatches, assertCatchesNot } from '../helpers/analyze';

describe('DL3062 pin go install versions', () => {
	it('fires on go install / get / run without a version or with @latest', () => {
		assertCatches('DL3062', 'FROM golang:1.23\nRUN go install golang.org/x/tools/gopls@latest\nRUN go get github.com/a/b\nRUN go run example.com/cmd/x arg\n', [2, 3, 4]);
	});
	it('accepts versions, local paths, and program arguments of go run', () => {
		assertCatchesNot('DL3062', 'FROM golang:1.23\nRUN go install golang.org/x/tools/gopls@v0.16.2\nRUN go install ./cmd/... && go build -o /x .\nRUN go run ./cmd/x github.com/not/a/package\nRUN go install -ldflags "-s -w" example.com/x@v1.0.0\n');
	});
	it('reports `go run build.go` exactly as hadolint does (not a local path to it), and accepts ./build.go', () => {
		assertCatches('DL3062', 'FROM golang:1.25 AS build\nWORKDIR /src\nCOPY . .\nRUN go run build.go -goos linux\n', [4]);
		assertCatchesNot('DL3062', 'FROM golang:1.25 AS build\nWORKDIR /src\nCOPY . .\nRUN go run ./build.go -goos linux\n');
	});
});
