#!/usr/bin/perl
# Belay practice lab: a played command. Sends its name, its arguments and its piped standard input
# to the lab over the socket bound into this sandbox; the lab plays the command against the shared
# cluster state and streams back standard output, standard error and the exit status.
# Standard input is read only when it is a pipe or a file other than the SSH channel's own, so a
# bare `docker ps` over ssh never waits for input that will not come.
use strict;
use warnings;
use IO::Socket::UNIX;

my $name = $0;
$name =~ s{.*/}{};
my $socket = '/run/belay/play.sock';
my $host = '';
if (open(my $h, '<', '/run/belay/host')) {
    $host = <$h> // '';
    chomp $host;
    close $h;
}
# Tools that never read standard input must leave it alone: `grep -q "$(hostname -s)"` at the end
# of a pipeline would otherwise swallow what grep was to read.
my %NO_STDIN = map { $_ => 1 } qw(hostname getent df findmnt ping systemd-run restorecon uname chown ss getenforce);
my $stdin = '';
if (!$NO_STDIN{$name} && !-t STDIN && (-p STDIN || -f STDIN)) {
    my $mine = readlink('/proc/self/fd/0') // '';
    if ($mine ne ($ENV{BELAY_CHANNEL_STDIN} // '')) {
        binmode STDIN;
        local $/;
        $stdin = <STDIN> // '';
    }
}
my $s = IO::Socket::UNIX->new(Type => SOCK_STREAM(), Peer => $socket);
if (!$s) {
    print STDERR "$name: the practice lab does not answer on $socket ($!)\n";
    exit 255;
}
binmode $s;
my @items = ($host, $ENV{BELAY_SESSION} // 'exec', $name, @ARGV);
my $req = "BELAY-PLAY 1\n" . scalar(@items) . "\n";
$req .= length($_) . "\n" . $_ for @items;
$req .= length($stdin) . "\n" . $stdin;
print $s $req;
$s->flush;
binmode STDOUT;
binmode STDERR;
$| = 1;
while (defined(my $head = take(5))) {
    my ($type, $len) = unpack('a1 N', $head);
    my $data = $len ? take($len) : '';
    last unless defined $data;
    if ($type eq 'o') {
        print STDOUT $data;
    } elsif ($type eq 'e') {
        print STDERR $data;
    } elsif ($type eq 'x') {
        exit(unpack('N', $data) & 255);
    }
}
print STDERR "$name: the practice lab closed the connection before the command finished\n";
exit 255;

sub take {
    my ($n) = @_;
    my $buf = '';
    while (length($buf) < $n) {
        my $r = read($s, $buf, $n - length($buf), length($buf));
        return undef unless $r;
    }
    return $buf;
}
