/*
 * Linked into the Native AOT executable only (BlockchainCs.Cli.csproj). Runs before the .NET runtime starts - a
 * constructor, right after the dynamic loader - and blocks SIGTERM and SIGINT, so a signal in the runtime's first
 * milliseconds waits (pending) instead of killing the process. Shutdown.Register unblocks them once its handlers are
 * in place; a pending signal is then delivered to them: startnode shuts down cleanly, other commands end as usual.
 */
#include <signal.h>
#include <pthread.h>

__attribute__((constructor)) static void blockchain_cs_block_early_signals(void)
{
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &signals, 0);
}
