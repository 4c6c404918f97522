using Fazhi.Core.Common;

namespace Fazhi.Core.Orgs;

/// <summary>Level of an administrative region (行政区划).</summary>
public enum RegionLevel
{
    /// <summary>省级.</summary>
    Province,
    /// <summary>市级.</summary>
    City,
    /// <summary>县级（县、区）.</summary>
    County,
    /// <summary>乡级（乡镇、街道）.</summary>
    Township,
}

/// <summary>An administrative region: province → city → county/district → township/subdistrict.</summary>
public sealed class Region
{
    private Region()
    {
    }

    /// <summary>Surrogate key.</summary>
    public Guid Id { get; private set; }

    /// <summary>Administrative division code (6 digits; 9 for townships).</summary>
    public string Code { get; private set; } = "";

    /// <summary>Name.</summary>
    public string Name { get; private set; } = "";

    /// <summary>Level.</summary>
    public RegionLevel Level { get; private set; }

    /// <summary>Parent region; null for a province.</summary>
    public Guid? ParentId { get; private set; }

    /// <summary>Creates a region under <paramref name="parent"/>; the level must be one below the parent's.</summary>
    public static Result<Region> Create(string code, string name, RegionLevel level, Region? parent)
    {
        if (string.IsNullOrWhiteSpace(code) || !code.All(char.IsAsciiDigit) || (code.Length != 6 && code.Length != 9))
        {
            return ValidationError.For("code", "区划代码应为 6 位或 9 位数字。");
        }

        if (parent is null ? level != RegionLevel.Province : parent.Level + 1 != level)
        {
            return ValidationError.For("level", "区划层级应比上级低一级（省 → 市 → 县区 → 乡镇街道）。");
        }

        return new Region { Id = Ids.New(), Code = code, Name = name.Trim(), Level = level, ParentId = parent?.Id };
    }

    /// <summary>Chinese label of a level.</summary>
    public static string LevelLabel(RegionLevel level) => level switch
    {
        RegionLevel.Province => "省级",
        RegionLevel.City => "市级",
        RegionLevel.County => "县级",
        _ => "乡级",
    };
}
