namespace ImeBridge.Core.Validation;

/// <summary>National Provider Identifier: 10 digits whose last is a Luhn check digit over <c>80840</c> + the first 9.</summary>
public static class Npi
{
    public static bool IsValid(string? npi)
    {
        if (npi is not { Length: 10 } || !npi.All(char.IsAsciiDigit))
        {
            return false;
        }

        // Luhn over "80840" + npi: the prefix contributes 24 to the sum when its digits are doubled from the right of the 9-digit body.
        var sum = 24;
        for (var i = 0; i < 9; i++)
        {
            var digit = npi[8 - i] - '0';
            if (i % 2 == 0)
            {
                digit *= 2;
                if (digit > 9)
                {
                    digit -= 9;
                }
            }

            sum += digit;
        }

        var check = (10 - (sum % 10)) % 10;
        return npi[9] - '0' == check;
    }
}
