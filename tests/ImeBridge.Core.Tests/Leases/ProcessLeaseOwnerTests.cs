using System.Diagnostics;
using ImeBridge.Core.Leases;

namespace ImeBridge.Core.Tests.Leases;

public sealed class ProcessLeaseOwnerTests
{
    [Fact]
    public void An_owner_of_this_running_process_is_not_gone()
    {
        Assert.False(ProcessLeaseOwner.IsGone(ProcessLeaseOwner.NewOwner()));
    }

    [Fact]
    public async Task An_owner_whose_process_has_exited_is_gone()
    {
        using var child = Process.Start(new ProcessStartInfo("sleep", "30") { UseShellExecute = false })!;
        var owner = $"{Environment.MachineName}:{child.Id}:{child.StartTime.ToUniversalTime().Ticks}:abc";
        Assert.False(ProcessLeaseOwner.IsGone(owner));
        child.Kill();
        await child.WaitForExitAsync();

        Assert.True(ProcessLeaseOwner.IsGone(owner));
    }

    [Fact]
    public void A_reused_pid_or_another_machine_or_an_unknown_name_is_judged_correctly()
    {
        var parts = ProcessLeaseOwner.NewOwner().Split(':');

        // Same pid, another start time: the pid was reused, the holder is gone.
        Assert.True(ProcessLeaseOwner.IsGone($"{parts[0]}:{parts[1]}:12345:{parts[3]}"));
        // A holder on another machine is never judged from here.
        Assert.False(ProcessLeaseOwner.IsGone($"other-host:{parts[1]}:12345:{parts[3]}"));
        Assert.False(ProcessLeaseOwner.IsGone("instance-a"));
    }
}
