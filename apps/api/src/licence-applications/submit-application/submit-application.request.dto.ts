import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsISO31661Alpha2,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  NotEquals,
  ValidateNested,
} from 'class-validator';
import {
  EXCEPTION_CODES,
  LICENCE_TYPES,
  PARTY_ROLES,
  USML_CATEGORIES,
  type EndUseCode,
  type LicenceType,
  type PartyRole,
  type UsmlCategory,
} from '@app/domain';
import { upperCase } from '../../shared/http/string-transforms';
import { IsCentAmount, IsText, UniqueItems } from '../../shared/http/validators';
import { ContainsEndUser } from './contains-end-user.validator';


export class ApplicantRequest {
  @ApiProperty({ example: 'Acme Defense Systems LLC', maxLength: 200 })
  @IsText(200)
  name!: string;

  @ApiProperty({ example: 'M12345', description: 'DDTC registration code' })
  @Transform(upperCase)
  @IsString()
  @Matches(/^[A-Z0-9-]{2,32}$/, { message: 'registrationCode must be a DDTC registration code such as M12345' })
  registrationCode!: string;
}

export class PartyRequest {
  @ApiProperty({ enum: PARTY_ROLES })
  @IsIn(PARTY_ROLES)
  role!: PartyRole;

  @ApiProperty({ example: 'Cambodian Mine Action Centre', maxLength: 200 })
  @IsText(200)
  name!: string;

  @ApiProperty({ example: 'KH', description: 'ISO 3166-1 alpha-2; parties are foreign, so US is refused' })
  @Transform(upperCase)
  @IsISO31661Alpha2({ message: 'country must be an ISO 3166-1 alpha-2 code' })
  @NotEquals('US', { message: 'country must be a foreign country (US parties are not destinations)' })
  country!: string;
}

export class SubmitApplicationRequest {
  @ApiProperty({ enum: LICENCE_TYPES, example: 'DSP-5' })
  @IsIn(LICENCE_TYPES)
  licenceType!: LicenceType;

  @ApiProperty({ type: ApplicantRequest })
  @IsDefined()
  @ValidateNested()
  @Type(() => ApplicantRequest)
  applicant!: ApplicantRequest;

  @ApiProperty({ enum: USML_CATEGORIES, isArray: true, example: ['XI'], description: 'At least one of I–XXI' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(USML_CATEGORIES.length)
  @UniqueItems()
  @IsIn(USML_CATEGORIES, { each: true, message: 'each USML category must be one of I–XXI' })
  usmlCategories!: UsmlCategory[];

  @ApiProperty({ example: 250000, minimum: 0, description: 'Value in US dollars' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsCentAmount()
  @Min(0)
  @Max(1e15)
  valueUsd!: number;

  @ApiPropertyOptional({ default: false, description: 'Major defense equipment (§120.8)' })
  @IsOptional()
  @IsBoolean()
  majorDefenseEquipment?: boolean;

  @ApiPropertyOptional({ enum: EXCEPTION_CODES, isArray: true, default: [] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(EXCEPTION_CODES.length)
  @UniqueItems()
  @IsIn(EXCEPTION_CODES, { each: true, message: `each end-use code must be one of ${EXCEPTION_CODES.join(', ')}` })
  endUseCodes?: EndUseCode[];

  @ApiProperty({ example: 'Mine detection equipment for humanitarian demining', maxLength: 4000 })
  @IsText(4000)
  description!: string;

  @ApiProperty({ type: [PartyRequest], description: 'At least one end-user; every country gets a determination' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => PartyRequest)
  @ContainsEndUser()
  parties!: PartyRequest[];
}
