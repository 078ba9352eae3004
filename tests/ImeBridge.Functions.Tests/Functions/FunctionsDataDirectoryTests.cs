using Microsoft.Extensions.Configuration;

namespace ImeBridge.Functions.Tests.Functions;

public sealed class FunctionsDataDirectoryTests
{
    [Fact]
    public void The_IMEBRIDGE_DATA_setting_wins()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [FunctionsDataDirectory.SettingName] = "/srv/imebridge" })
            .Build();

        Assert.Equal("/srv/imebridge", FunctionsDataDirectory.Resolve(configuration));
    }

    [Fact]
    public void Without_the_setting_the_data_lives_under_the_home_folder()
    {
        var home = Environment.GetEnvironmentVariable("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

        var resolved = FunctionsDataDirectory.Resolve(new ConfigurationBuilder().Build());

        Assert.Equal(Path.Combine(home, "data", "imebridge"), resolved);
    }
}
