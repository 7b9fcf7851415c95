module github.com/selfsup/selfsup

go 1.26.0

require (
	github.com/sirupsen/logrus v1.10.2
	github.com/spf13/pflag v1.1.0
	golang.org/x/image v0.48.0
)

require golang.org/x/sys v0.50.0 // indirect
