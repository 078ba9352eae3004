namespace ImeBridge.Core.Partners;

public interface IPartnerDirectory
{
    Partner? Find(string partnerId);

    /// <summary>The partner whose API token this is, compared in constant time; null when none.</summary>
    Partner? FindByApiToken(string apiToken);
}
