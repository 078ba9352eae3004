using ImeBridge.Core.Experts;

namespace ImeBridge.Core.Ports;

/// <summary>The directory of independent medical examiners, keyed by <see cref="Expert.ExpertId"/>.</summary>
public interface IExpertDirectory
{
    /// <summary>
    /// Adds each expert or replaces the stored one with the same id, all in one transaction: either every expert
    /// is stored or none is. Refused with <see cref="InvalidOperationException"/> when an NPI is already stored
    /// under another expert id.
    /// </summary>
    Task UpsertAsync(IReadOnlyList<Expert> experts, CancellationToken cancellationToken);

    /// <summary>The expert with <paramref name="expertId"/>, or null.</summary>
    Task<Expert?> GetAsync(string expertId, CancellationToken cancellationToken);

    /// <summary>The experts matching every criterion of <paramref name="filter"/>, ordered by id.</summary>
    Task<IReadOnlyList<Expert>> ListAsync(ExpertFilter filter, CancellationToken cancellationToken);

    /// <summary>Removes the expert; false when there was none with that id.</summary>
    Task<bool> RemoveAsync(string expertId, CancellationToken cancellationToken);
}
