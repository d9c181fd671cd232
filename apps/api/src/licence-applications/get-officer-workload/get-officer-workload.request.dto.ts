import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

export class GetOfficerWorkloadRequest {
  @ApiPropertyOptional({ example: 'officer-1', description: 'Only this officer (`sub`)' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  officerId?: string;
}
